import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { repoRoot } from './paths';
import { stageFunctionEnv } from './stageEnv';

/**
 * The shell of an operator's one-off command against a stage's table (`admin:bootstrap`,
 * `stations:backfill`, `migrate:reports`): the same flags, and the function environment set before
 * any service module loads. A resumable command also keeps its progress after each page in a file
 * of its own stage, region, table and endpoint (see progressFileOf), so a later run carries on
 * (`--restart` starts over).
 */
export interface StageCommand<Flag extends string = never, Text extends string = never> {
  stage: string;
  region: string;
  tableName: string;
  /** One of the command's own boolean flags (`--force`): only a declared name compiles. */
  flag(name: Flag): boolean;
  /** One of the command's own string flags (`--recount a,b`) when given. */
  text(name: Text): string | undefined;
}

export interface ResumableCommand<Progress, Flag extends string = never, Text extends string = never>
  extends StageCommand<Flag, Text> {
  /** Stop after this many pages: a trial run. */
  maxPages?: number;
  /** Where the last run stopped, unless `--restart`. Exits 2 on a file that is not a progress. */
  savedProgress(): Progress | undefined;
  /** Keeps the progress after a page, or forgets it once nothing is left. */
  keepProgress(progress: Progress | null): void;
}

interface Options<Flag extends string, Text extends string> {
  script: string;
  command: string;
  /** The command's own flags beyond the shared ones, e.g. `--force`, `--recount a,b`. */
  booleans?: readonly Flag[];
  strings?: readonly Text[];
  /** The usage line's part for the command's own flags. */
  usage?: string;
}

/**
 * The flags as given, read by name: parseArgs types its values by the options it is given, and a
 * command's own flags are only known as names, so every value is read here by its kind.
 */
interface Given {
  text(name: string): string | undefined;
  flag(name: string): boolean;
}

function parse(options: Options<string, string>, resumable: boolean): { usage: string; given: Given } {
  const config: NonNullable<ParseArgsConfig['options']> = {
    stage: { type: 'string' },
    region: { type: 'string' },
    /** Overrides for tests and unusual setups: the table, the DynamoDB endpoint, the progress file. */
    table: { type: 'string' },
    endpoint: { type: 'string' },
  };
  if (resumable) {
    config.restart = { type: 'boolean' };
    config.pages = { type: 'string' };
    config.progress = { type: 'string' };
  }
  for (const name of options.booleans ?? []) config[name] = { type: 'boolean' };
  for (const name of options.strings ?? []) config[name] = { type: 'string' };
  const usage =
    `用法：npm run ${options.script} -- --stage <stage> [--region cn-north-1]` +
    (resumable ? ' [--restart] [--pages N]' : '') +
    (options.usage ? ` ${options.usage}` : '');
  try {
    const { values } = parseArgs({ options: config });
    return {
      usage,
      given: {
        text: (name) => {
          const value = values[name];
          return typeof value === 'string' ? value : undefined;
        },
        flag: (name) => values[name] === true,
      },
    };
  } catch (error) {
    console.error(`参数有误：${error instanceof Error ? error.message : error}`);
    console.error(usage);
    process.exit(2);
  }
}

/**
 * Reads the flags, sets the function environment of the stage, and exits 2 with the usage on a
 * missing or malformed `--stage`.
 */
export function openStageCommand<const Flag extends string = never, const Text extends string = never>(
  options: Options<Flag, Text>,
): StageCommand<Flag, Text> {
  return open(options, false).command;
}

function open<Flag extends string, Text extends string>(options: Options<Flag, Text>, resumable: boolean) {
  const { usage, given } = parse(options, resumable);
  const stage = given.text('stage');
  if (stage === undefined || !/^[a-z0-9-]+$/.test(stage)) {
    console.error(usage);
    process.exit(2);
  }
  // The table as serverless.yml names it (custom.tableName: ankang-${stage}).
  const tableName = given.text('table') ?? `ankang-${stage}`;
  const region = given.text('region') ?? 'cn-north-1';
  const endpoint = given.text('endpoint');
  const env = stageFunctionEnv(stage, {
    region,
    tableName,
    ...(endpoint ? { endpoint } : {}),
    command: options.command,
  });
  Object.assign(process.env, env);
  const command: StageCommand<Flag, Text> = {
    stage,
    region,
    tableName,
    flag: (name) => given.flag(name),
    text: (name) => given.text(name),
  };
  return { command, given, endpoint: env.DYNAMODB_ENDPOINT };
}

/**
 * The progress file of a command run against one table: a position in one table means nothing in
 * another, so the file is named by command, stage, region, table and endpoint — readable first
 * parts for the operator, then a hash of all of them as JSON, which no two different sets share
 * (`prod` + `x-y` and `prod-x` + `y` read alike but hash apart). The local stage's lives in
 * `.local/progress/`, deleted with the local data it points into; a deployed stage's in
 * `.progress/` at the repository root, which deleting `.local` (the README's way to start the
 * local stack afresh) leaves alone.
 */
export function progressFileOf(
  name: string,
  target: { stage: string; region: string; tableName: string; endpoint?: string },
): string {
  const dir =
    target.stage === 'local' ? path.join(repoRoot, '.local', 'progress') : path.join(repoRoot, '.progress');
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');
  const parts = [name, target.stage, target.region, target.tableName, target.endpoint ?? null];
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
  return path.join(dir, `${safe(name)}-${safe(target.stage)}-${safe(target.tableName)}-${hash}.json`);
}

/**
 * A resumable command: the shared flags plus `--restart`, `--pages N` and `--progress <file>`, and
 * its progress checked against `progressSchema` when read. A file that cannot be read back as a
 * progress is refused (exit 2, the operator decides) rather than silently starting over.
 */
export function openResumableCommand<
  Schema extends z.ZodType,
  const Flag extends string = never,
  const Text extends string = never,
>(
  options: Options<Flag, Text> & { progressName: string; progressSchema: Schema },
): ResumableCommand<z.infer<Schema>, Flag, Text> {
  const { command, given, endpoint } = open(options, true);
  const pages = given.text('pages');
  const maxPages = pages === undefined ? undefined : Number(pages);
  if (maxPages !== undefined && !(Number.isSafeInteger(maxPages) && maxPages > 0)) {
    console.error('--pages 应为正整数');
    process.exit(2);
  }
  const progressFile =
    given.text('progress') ??
    progressFileOf(options.progressName, {
      stage: command.stage,
      region: command.region,
      tableName: command.tableName,
      ...(endpoint ? { endpoint } : {}),
    });
  return {
    ...command,
    ...(maxPages ? { maxPages } : {}),
    savedProgress() {
      if (given.flag('restart')) return undefined;
      let text: string;
      try {
        text = readFileSync(progressFile, 'utf8');
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
        refuse(progressFile, error instanceof Error ? error.message : String(error));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        refuse(progressFile, '不是有效的 JSON');
      }
      const progress = options.progressSchema.safeParse(parsed);
      if (!progress.success) refuse(progressFile, '内容不是本命令的进度');
      return progress.data;
    },
    keepProgress(progress) {
      if (progress) {
        mkdirSync(path.dirname(progressFile), { recursive: true });
        // Written beside under a name of this write alone, then renamed over (atomic in one
        // folder): an interrupted write never leaves half a progress, and two runs on one file
        // never write into each other's temporary file.
        const temporary = `${progressFile}.${process.pid}-${randomUUID()}.tmp`;
        writeFileSync(temporary, JSON.stringify(progress));
        renameSync(temporary, progressFile);
      } else rmSync(progressFile, { force: true });
    },
  };
}

function refuse(file: string, why: string): never {
  console.error(
    `进度文件 ${file} 无法读取（${why}），不能从上次的位置继续。` +
      '请检查该文件；确认要从头开始时，加 --restart 再运行（已完成的部分会跳过，不会重复写入）。',
  );
  process.exit(2);
}

/**
 * The command line's end: runs the command's work, and on failure says what failed in Chinese and
 * exits non-zero. The work never exits itself; it answers its outcome, and 'incomplete' (items
 * left) or 'refused' exits 1 after its own message: never a clean exit with work left, except a
 * `--pages` trial's planned stop, which exits 0 after saying 尚未完成 (its progress, left-over ids
 * included, is in its file for the next run).
 */
export function runStageCommand(
  failure: string,
  work: () => Promise<'incomplete' | 'refused' | undefined>,
): void {
  work().then(
    (outcome) => {
      if (outcome) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(`${failure}：`, error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
