/**
 * `npm run migrate:reports -- --stage prod --region cn-north-1 [--restart] [--pages N]`: the one-off
 * migration after deploying issue 11 step 2 onto a table that holds data from before it. Old
 * per-report items become reports of problems (the staff queue and 我的反馈 read only problems),
 * the stations' open counts become open-problem counts, and invites made before the lasting ISSUED
 * mark get it (without it a create replayed after TTL would revive a used code). Safe to run again
 * and while the app is live (each report in one conditional transaction, read again when it
 * changed); resumable: the position after each page is kept in a file of the stage and table
 * (stageCommand.ts, `--restart` starts over). Anything left (a report that kept changing, a
 * station whose count could not be set) is listed and the command exits 1; `--recount <ids>` sets
 * the listed stations' counts again.
 */
import { z } from 'zod';
import { openResumableCommand, runStageCommand } from './stageCommand';

const startKey = z.record(z.string(), z.unknown()).optional();
const command = openResumableCommand({
  script: 'migrate:reports',
  command: 'migrate-reports',
  progressName: 'migrate-reports',
  strings: ['recount'],
  usage: '[--recount 驿站id,驿站id]',
  positionSchema: z.discriminatedUnion('step', [
    z.object({
      step: z.literal('reports'),
      province: z.string().regex(/^\d{6}$/),
      state: z.enum(['new', 'acknowledged', 'resolved']),
      startKey,
    }),
    z.object({ step: z.literal('invites'), startKey }),
  ]),
});

runStageCommand('迁移旧反馈与邀请失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { migrateReports, recountStations } = await import('../src/services/reportMigration');
  const recount = command.strings.recount;
  if (recount !== undefined) {
    const left = await recountStations(recount.split(',').filter(Boolean));
    if (left.length === 0) {
      console.log('驿站的未处理问题数已全部重算。');
      return;
    }
    console.error(`仍有驿站因并发修改未能重算：${left.join(',')}；请稍后再运行 --recount ${left.join(',')}`);
    return 'incomplete';
  }
  const from = command.savedPosition();
  if (from)
    console.log(`从上次的位置继续：${from.step === 'reports' ? `${from.province} ${from.state}` : '邀请'}`);
  const { counts, next } = await migrateReports({
    ...(from ? { from } : {}),
    ...(command.maxPages ? { maxPages: command.maxPages } : {}),
    onPage: (position, sofar) => {
      command.keepPosition(position);
      console.log(`已迁移 ${sofar.reports} 条旧反馈，已检查 ${sofar.invites} 个邀请`);
    },
  });
  console.log(
    `表 ${command.tableName}：读旧反馈 ${counts.reports} 条（新开问题 ${counts.opened}，并入已有问题 ${counts.joined}，` +
      `并发修改跳过 ${counts.skipped}）；读邀请 ${counts.invites} 个，补写签发标记 ${counts.marked} 个。`,
  );
  if (counts.skippedReports.length > 0) {
    console.error(
      `未迁移的旧反馈 ${counts.skippedReports.length} 条（一再被并发修改）：${counts.skippedReports.join(',')}。` +
        '它们仍在旧队列中，加 --restart 再运行一次即可补上（已迁移的不会重复）。',
    );
  }
  if (counts.unrecounted.length > 0) {
    console.error(
      `未能重算未处理问题数的驿站 ${counts.unrecounted.length} 个：${counts.unrecounted.join(',')}。` +
        `请再运行 npm run migrate:reports -- --stage ${command.stage} --recount ${counts.unrecounted.join(',')}`,
    );
  }
  if (next) console.log('尚未完成（--pages 已到），再次运行即从上次的位置继续。');
  else if (counts.skippedReports.length === 0 && counts.unrecounted.length === 0) console.log('全部完成。');
  return counts.skippedReports.length > 0 || counts.unrecounted.length > 0 ? 'incomplete' : undefined;
});
