import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { repoRoot } from './paths';
import { stageFunctionEnv } from './stageEnv';

/**
 * The shell of an operator's one-off command against a stage's table (`admin:bootstrap`,
 * `stations:backfill`, `migrate:reports`): the same flags, and the function environment set before
 * any service module loads. A resumable command also keeps its position after each page in a file
 * of its own stage, table and endpoint (see progressFileOf), so a later run carries on (`--restart`
 * starts over).
 */
export interface StageCommand {
  stage: string;
  tableName: string;
  /** The boolean flags the command declared (`--force`), and its string ones when given. */
  flags: Record<string, boolean>;
  strings: Record<string, string | undefined>;
}

export interface ResumableCommand<Position> extends StageCommand {
  /** Stop after this many pages: a trial run. */
  maxPages?: number;
  /** Where the last run stopped, unless `--restart`. Exits 2 on a file that is not a position. */
  savedPosition(): Position | undefined;
  /** Keeps the position after a page, or forgets it once the work is done. */
  keepPosition(position: Position | null): void;
}

interface Options {
  script: string;
  command: string;
  /** The command's own flags beyond the shared ones, e.g. `--force`, `--recount a,b`. */
  booleans?: readonly string[];
  strings?: readonly string[];
  /** The usage line's part for the command's own flags. */
  usage?: string;
}

function parse(options: Options, resumable: boolean) {
  const own = Object.fromEntries([
    ...(options.booleans ?? []).map((name) => [name, { type: 'boolean' as const, default: false }]),
    ...(options.strings ?? []).map((name) => [name, { type: 'string' as const }]),
  ]);
  const usage =
    `用法：npm run ${options.script} -- --stage <stage> [--region cn-north-1]` +
    (resumable ? ' [--restart] [--pages N]' : '') +
    (options.usage ? ` ${options.usage}` : '');
  try {
    return {
      usage,
      values: parseArgs({
        options: {
          stage: { type: 'string' },
          region: { type: 'string', default: 'cn-north-1' },
          /** Overrides for tests and unusual setups: the table, the DynamoDB endpoint, the position file. */
          table: { type: 'string' },
          endpoint: { type: 'string' },
          ...(resumable
            ? {
                restart: { type: 'boolean', default: false },
                pages: { type: 'string' },
                progress: { type: 'string' },
              }
            : {}),
          ...own,
        },
      }).values as Record<string, string | boolean | undefined>,
    };
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(usage);
    process.exit(2);
  }
}

/**
 * Reads the flags, sets the function environment of the stage, and exits 2 with the usage on a
 * missing or malformed `--stage`.
 */
export function openStageCommand(options: Options): StageCommand {
  return open(options, false).command;
}

function open(options: Options, resumable: boolean) {
  const { usage, values } = parse(options, resumable);
  const stage = values.stage;
  if (typeof stage !== 'string' || !/^[a-z0-9-]+$/.test(stage)) {
    console.error(usage);
    process.exit(2);
  }
  // The table as serverless.yml names it (custom.tableName: ankang-${stage}).
  const tableName = typeof values.table === 'string' ? values.table : `ankang-${stage}`;
  const endpoint = typeof values.endpoint === 'string' ? values.endpoint : undefined;
  const env = stageFunctionEnv(stage, {
    region: typeof values.region === 'string' ? values.region : 'cn-north-1',
    tableName,
    ...(endpoint ? { endpoint } : {}),
    command: options.command,
  });
  Object.assign(process.env, env);
  const command: StageCommand = {
    stage,
    tableName,
    flags: Object.fromEntries((options.booleans ?? []).map((name) => [name, values[name] === true])),
    strings: Object.fromEntries(
      (options.strings ?? []).map((name) => [
        name,
        typeof values[name] === 'string' ? values[name] : undefined,
      ]),
    ),
  };
  return { command, values, endpoint: env.DYNAMODB_ENDPOINT };
}

/**
 * The position file of a command run against one table: keyed by stage, table and endpoint (a
 * position in one table means nothing in another). The local stage's lives in `.local/progress/`,
 * deleted with the local data it points into; a deployed stage's in `.progress/` at the repository
 * root, which deleting `.local` (the README's way to start the local stack afresh) leaves alone.
 */
export function progressFileOf(name: string, stage: string, tableName: string, endpoint?: string): string {
  const dir =
    stage === 'local' ? path.join(repoRoot, '.local', 'progress') : path.join(repoRoot, '.progress');
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');
  // The endpoint as a short hash: a URL's characters make a poor file name.
  const at = endpoint ? `-${createHash('sha256').update(endpoint).digest('hex').slice(0, 8)}` : '';
  return path.join(dir, `${safe(name)}-${safe(stage)}-${safe(tableName)}${at}.json`);
}

/**
 * A resumable command: the shared flags plus `--restart`, `--pages N` and `--progress <file>`, and
 * its position checked against `positionSchema` when read. A file that cannot be read back as a
 * position is refused (exit 2, the operator decides) rather than silently starting over.
 */
export function openResumableCommand<Schema extends z.ZodType>(
  options: Options & { progressName: string; positionSchema: Schema },
): ResumableCommand<z.infer<Schema>> {
  const { command, values, endpoint } = open(options, true);
  const maxPages = values.pages === undefined ? undefined : Number(values.pages);
  if (maxPages !== undefined && !(Number.isSafeInteger(maxPages) && maxPages > 0)) {
    console.error('--pages 应为正整数');
    process.exit(2);
  }
  const progressFile =
    typeof values.progress === 'string'
      ? values.progress
      : progressFileOf(options.progressName, command.stage, command.tableName, endpoint);
  return {
    ...command,
    ...(maxPages ? { maxPages } : {}),
    savedPosition() {
      if (values.restart === true) return undefined;
      let text: string;
      try {
        text = readFileSync(progressFile, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        refuse(progressFile, error instanceof Error ? error.message : String(error));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        refuse(progressFile, '不是有效的 JSON');
      }
      const position = options.positionSchema.safeParse(parsed);
      if (!position.success) refuse(progressFile, '内容不是本命令的进度');
      return position.data;
    },
    keepPosition(position) {
      if (position) {
        mkdirSync(path.dirname(progressFile), { recursive: true });
        // Written beside and renamed over: an interrupted write never leaves half a position.
        writeFileSync(`${progressFile}.tmp`, JSON.stringify(position));
        renameSync(`${progressFile}.tmp`, progressFile);
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
 * Runs the command's work, and on failure says what failed in Chinese and exits non-zero. Work
 * that answers 'incomplete' (items skipped) exits 1 after its own message: never a clean exit with
 * work left.
 */
export function runStageCommand(failure: string, work: () => Promise<unknown>): void {
  work().then(
    (outcome) => {
      if (outcome === 'incomplete') process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(`${failure}：`, error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
