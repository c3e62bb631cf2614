/**
 * `npm run migrate:reports -- --stage prod --region cn-north-1 [--restart] [--pages N]`: the one-off
 * migration after deploying issue 11 step 2 onto a table that holds data from before it. Old
 * per-report items become reports of problems (the staff queue and 我的反馈 read only problems),
 * the stations' open counts become open-problem counts, and invites made before the lasting ISSUED
 * mark get it (without it a create replayed after TTL would revive a used code). Safe to run again
 * and while the app is live (each report in one conditional transaction); resumable: the position
 * after each page is kept in `.local/migrate-reports-<stage>.json` (`--restart` starts over).
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
    /** Stop after this many pages: a trial run. */
    pages: { type: 'string' },
    /** Overrides for tests and unusual setups: the table and the DynamoDB endpoint. */
    table: { type: 'string' },
    endpoint: { type: 'string' },
    /** Where the position is kept (tests give their own). */
    progress: { type: 'string' },
  },
});

const stage = values.stage;
if (!stage || !/^[a-z0-9-]+$/.test(stage)) {
  console.error(
    '用法：npm run migrate:reports -- --stage <stage> [--region cn-north-1] [--restart] [--pages N]',
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
  values.progress ?? path.resolve(import.meta.dirname, '../../.local', `migrate-reports-${stage}.json`);

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
      command: 'migrate-reports',
    }),
  );
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { migrateReports } = await import('../src/services/reportMigration');
  type Position = NonNullable<Parameters<typeof migrateReports>[0]['from']>;
  const from = savedPosition() as Position | undefined;
  if (from)
    console.log(`从上次的位置继续：${from.step === 'reports' ? `${from.province} ${from.state}` : '邀请'}`);
  mkdirSync(path.dirname(progressFile), { recursive: true });
  const { counts, next } = await migrateReports({
    ...(from ? { from } : {}),
    ...(maxPages ? { maxPages } : {}),
    onPage: (position, sofar) => {
      if (position) writeFileSync(progressFile, JSON.stringify(position));
      else rmSync(progressFile, { force: true });
      console.log(`已迁移 ${sofar.reports} 条旧反馈，已检查 ${sofar.invites} 个邀请`);
    },
  });
  console.log(
    `表 ${tableName}：读旧反馈 ${counts.reports} 条（新开问题 ${counts.opened}，并入已有问题 ${counts.joined}，` +
      `并发修改跳过 ${counts.skipped}）；读邀请 ${counts.invites} 个，补写签发标记 ${counts.marked} 个。`,
  );
  if (next) console.log('尚未完成（--pages 已到），再次运行即从上次的位置继续。');
  else if (counts.skipped) console.log('有反馈被跳过：加 --restart 再运行一次即可补上。');
  else console.log('全部完成。');
}

main().catch((error: unknown) => {
  console.error('迁移旧反馈与邀请失败：', error instanceof Error ? error.message : error);
  process.exit(1);
});
