/**
 * `npm run migrate:reports -- --stage prod --region cn-north-1 [--restart] [--pages N]`: the one-off
 * migration after deploying issue 11 step 2 onto a table that holds data from before it. Old
 * per-report items become reports of problems (the staff queue and 我的反馈 read only problems),
 * the stations' open counts become open-problem counts, and invites made before the lasting ISSUED
 * mark get it (without it a create replayed after TTL would revive a used code). Safe to run again
 * and while the app is live (each report in one conditional transaction, read again when it
 * changed); resumable: the progress after each page (the position, and the ids of reports and
 * stations it could not finish) is kept in a file of the stage and table (stageCommand.ts,
 * `--restart` starts over), and a later run carries on and tries those again. Anything still left
 * is listed and the command exits 1; `--recount <ids>` sets the listed stations' counts again.
 */
import { stationIdSchema } from '@ankang/shared';
import { z } from 'zod';
import { openResumableCommand, runStageCommand } from './stageCommand';

const startKey = z.record(z.string(), z.unknown()).optional();
const ids = z.array(z.string().min(1));
const command = openResumableCommand({
  script: 'migrate:reports',
  command: 'migrate-reports',
  progressName: 'migrate-reports',
  strings: ['recount'],
  usage: '[--recount 驿站id,驿站id]',
  progressSchema: z.object({
    at: z
      .discriminatedUnion('step', [
        z.object({
          step: z.literal('reports'),
          province: z.string().regex(/^\d{6}$/),
          state: z.enum(['new', 'acknowledged', 'resolved']),
          startKey,
        }),
        z.object({ step: z.literal('invites'), startKey }),
      ])
      .nullable(),
    skippedReports: ids,
    unrecounted: ids,
  }),
});

// `--recount` with no id, or with something that is no station id: refused before any work.
const recount = command
  .text('recount')
  ?.split(',')
  .map((id) => id.trim())
  .filter(Boolean);
if (recount !== undefined) {
  if (recount.length === 0) {
    console.error('--recount 需要至少一个驿站 id，以逗号分隔（例如 --recount st_…,st_…）。');
    process.exit(2);
  }
  const malformed = recount.filter((id) => !stationIdSchema.safeParse(id).success);
  if (malformed.length > 0) {
    console.error(`--recount 中不是驿站 id 的：${malformed.join(',')}。请核对后再运行。`);
    process.exit(2);
  }
}

runStageCommand('迁移旧反馈与邀请失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { migrateReports, recountStations } = await import('../src/services/reportMigration');
  if (recount !== undefined) {
    const { notFound, busy } = await recountStations(recount);
    if (notFound.length > 0) console.error(`表 ${command.tableName} 中没有这些驿站：${notFound.join(',')}`);
    if (busy.length > 0) {
      console.error(
        `仍有驿站因并发修改未能重算：${busy.join(',')}；请稍后再运行 --recount ${busy.join(',')}`,
      );
    }
    if (notFound.length > 0 || busy.length > 0) return 'incomplete';
    console.log('驿站的未处理问题数已全部重算。');
    return undefined;
  }
  const from = command.savedProgress();
  if (from) {
    const where = from.at
      ? from.at.step === 'reports'
        ? `${from.at.province} ${from.at.state}`
        : '邀请'
      : '全部已读';
    const left = from.skippedReports.length + from.unrecounted.length;
    console.log(`从上次的位置继续：${where}${left > 0 ? `，并重试上次未完成的 ${left} 项` : ''}`);
  }
  const { counts, progress } = await migrateReports({
    ...(from ? { from } : {}),
    ...(command.maxPages ? { maxPages: command.maxPages } : {}),
    onPage: (next, sofar) => {
      command.keepProgress(next);
      console.log(`已迁移 ${sofar.opened + sofar.joined} 条旧反馈，已检查 ${sofar.invites} 个邀请`);
    },
  });
  command.keepProgress(progress);
  const skipped = progress?.skippedReports ?? [];
  const unrecounted = progress?.unrecounted ?? [];
  console.log(
    `表 ${command.tableName}：读旧反馈 ${counts.reports} 条（新开问题 ${counts.opened}，并入已有问题 ${counts.joined}，` +
      `并发修改跳过 ${skipped.length}）；读邀请 ${counts.invites} 个，补写签发标记 ${counts.marked} 个。`,
  );
  if (skipped.length > 0) {
    console.error(
      `未迁移的旧反馈 ${skipped.length} 条（一再被并发修改）：${skipped.join(',')}。` +
        '它们记在进度文件里：再运行一次（不加 --restart）即重试它们（已迁移的不会重复）。',
    );
  }
  if (unrecounted.length > 0) {
    console.error(
      `未能重算未处理问题数的驿站 ${unrecounted.length} 个：${unrecounted.join(',')}。` +
        '它们记在进度文件里，再运行一次（不加 --restart）即重算；或运行 ' +
        `npm run migrate:reports -- --stage ${command.stage} --region ${command.region} --recount ${unrecounted.join(',')}`,
    );
  }
  if (progress?.at) {
    console.log('尚未完成（--pages 已到），再次运行即从上次的位置继续。');
    return undefined;
  }
  if (skipped.length > 0 || unrecounted.length > 0) return 'incomplete';
  console.log('全部完成。');
  return undefined;
});
