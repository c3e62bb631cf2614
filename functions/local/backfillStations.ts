/**
 * `npm run stations:backfill -- --stage prod --region cn-north-1 [--restart] [--pages N]`: gives the
 * stations of a deployed stage's table (or the local one with `--stage local`) their place codes
 * and search entries, as the API writes them on every create and edit since issue 11. Run it once
 * after deploying issue 11 onto a table that holds stations; it is safe to run again (a station
 * already right is written the same) and while the app is live (each station in one transaction
 * conditioned on the version read). Resumable: the position after each page is kept in
 * `.local/backfill-<stage>.json`, and a later run carries on from it (`--restart` starts over).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stageFunctionEnv } from './stageEnv';

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    region: { type: 'string', default: 'cn-north-1' },
    restart: { type: 'boolean', default: false },
    /** Stop after this many pages (of 100 stations): a trial run. */
    pages: { type: 'string' },
    /** Overrides for tests and unusual setups: the table and the DynamoDB endpoint. */
    table: { type: 'string' },
    endpoint: { type: 'string' },
  },
});

const stage = values.stage;
if (!stage || !/^[a-z0-9-]+$/.test(stage)) {
  console.error(
    '用法：npm run stations:backfill -- --stage <stage> [--region cn-north-1] [--restart] [--pages N]',
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
const progressFile = path.resolve(import.meta.dirname, '../../.local', `backfill-${stage}.json`);

function savedPosition(): unknown {
  if (values.restart) return undefined;
  try {
    return JSON.parse(readFileSync(progressFile, 'utf8'));
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  Object.assign(
    process.env,
    stageFunctionEnv(stage!, {
      region: values.region!,
      tableName,
      ...(values.endpoint ? { endpoint: values.endpoint } : {}),
      command: 'stations-backfill',
    }),
  );
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { backfillStations } = await import('../src/services/stationBackfill');
  const from = savedPosition() as { province: string; startKey?: Record<string, unknown> } | undefined;
  if (from) console.log(`从上次的位置继续：${from.province}`);
  mkdirSync(path.dirname(progressFile), { recursive: true });
  const { counts, next } = await backfillStations({
    ...(from ? { from } : {}),
    ...(maxPages ? { maxPages } : {}),
    onPage: (position, sofar) => {
      if (position) writeFileSync(progressFile, JSON.stringify(position));
      else rmSync(progressFile, { force: true });
      console.log(
        `已处理 ${sofar.stations} 个驿站（补地区 ${sofar.placed}，无法识别区县 ${sofar.unplaced}）`,
      );
    },
  });
  console.log(
    `表 ${tableName}：读 ${counts.stations} 个驿站，写索引 ${counts.indexed} 个，补地区 ${counts.placed} 个，` +
      `无法识别区县 ${counts.unplaced} 个，并发修改跳过 ${counts.skipped} 个。`,
  );
  if (next) console.log(`尚未完成（--pages 已到），再次运行即从 ${next.province} 继续。`);
  else if (counts.skipped) console.log('有驿站被跳过：加 --restart 再运行一次即可补上。');
  else console.log('全部完成。');
}

main().catch((error: unknown) => {
  console.error('补写驿站地区与搜索索引失败：', error instanceof Error ? error.message : error);
  process.exit(1);
});
