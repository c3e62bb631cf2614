/**
 * `npm run migrate:reports -- --stage prod --region cn-north-1 [--restart] [--pages N]`: the one-off
 * migration after deploying issue 11 step 2 onto a table that holds data from before it. Old
 * per-report items become reports of problems (the staff queue and 我的反馈 read only problems),
 * the stations' open counts become open-problem counts, and invites made before the lasting ISSUED
 * mark get it (without it a create replayed after TTL would revive a used code). Safe to run again
 * and while the app is live (each report in one conditional transaction); resumable: the position
 * after each page is kept in `.local/migrate-reports-<stage>.json` (`--restart` starts over).
 */
import { openStageCommand, runStageCommand } from './stageCommand';

const command = openStageCommand({
  script: 'migrate:reports',
  command: 'migrate-reports',
  progressName: 'migrate-reports',
});

runStageCommand('迁移旧反馈与邀请失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { migrateReports } = await import('../src/services/reportMigration');
  type Position = NonNullable<Parameters<typeof migrateReports>[0]['from']>;
  const from = command.savedPosition() as Position | undefined;
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
  if (next) console.log('尚未完成（--pages 已到），再次运行即从上次的位置继续。');
  else if (counts.skipped) console.log('有反馈被跳过：加 --restart 再运行一次即可补上。');
  else console.log('全部完成。');
});
