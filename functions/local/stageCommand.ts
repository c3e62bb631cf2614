import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stageFunctionEnv } from './stageEnv';

/**
 * The shell of an operator's resumable one-off command against a stage's table
 * (`stations:backfill`, `migrate:reports`): the same flags, the function environment set before
 * any service module loads, and the position after each page kept in `.local/<progressName>-<stage>.json`
 * so a later run carries on (`--restart` starts over).
 */
export interface StageCommand {
  tableName: string;
  /** Stop after this many pages: a trial run. */
  maxPages?: number;
  /** Where the last run stopped, unless `--restart`. */
  savedPosition(): unknown;
  /** Keeps the position after a page, or forgets it once the work is done. */
  keepPosition(position: unknown): void;
}

export function openStageCommand(options: {
  script: string;
  command: string;
  progressName: string;
}): StageCommand {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string' },
      region: { type: 'string', default: 'cn-north-1' },
      restart: { type: 'boolean', default: false },
      pages: { type: 'string' },
      /** Overrides for tests and unusual setups: the table, the DynamoDB endpoint, the position file. */
      table: { type: 'string' },
      endpoint: { type: 'string' },
      progress: { type: 'string' },
    },
  });
  const stage = values.stage;
  if (!stage || !/^[a-z0-9-]+$/.test(stage)) {
    console.error(
      `用法：npm run ${options.script} -- --stage <stage> [--region cn-north-1] [--restart] [--pages N]`,
    );
    process.exit(2);
  }
  const maxPages = values.pages === undefined ? undefined : Number(values.pages);
  if (maxPages !== undefined && !(Number.isSafeInteger(maxPages) && maxPages > 0)) {
    console.error('--pages 应为正整数');
    process.exit(2);
  }
  // The table as serverless.yml names it (custom.tableName: ankang-${stage}).
  const tableName = values.table ?? `ankang-${stage}`;
  const progressFile =
    values.progress ??
    path.resolve(import.meta.dirname, '../../.local', `${options.progressName}-${stage}.json`);
  Object.assign(
    process.env,
    stageFunctionEnv(stage, {
      region: values.region ?? 'cn-north-1',
      tableName,
      ...(values.endpoint ? { endpoint: values.endpoint } : {}),
      command: options.command,
    }),
  );
  return {
    tableName,
    ...(maxPages ? { maxPages } : {}),
    savedPosition() {
      if (values.restart) return undefined;
      try {
        return JSON.parse(readFileSync(progressFile, 'utf8'));
      } catch {
        return undefined;
      }
    },
    keepPosition(position) {
      if (position) {
        mkdirSync(path.dirname(progressFile), { recursive: true });
        writeFileSync(progressFile, JSON.stringify(position));
      } else rmSync(progressFile, { force: true });
    },
  };
}

/** Runs the command's work, and on failure says what failed in Chinese and exits non-zero. */
export function runStageCommand(failure: string, work: () => Promise<void>): void {
  work().catch((error: unknown) => {
    console.error(`${failure}：`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
