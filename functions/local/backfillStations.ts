/**
 * `npm run stations:backfill -- --stage prod --region cn-north-1 [--restart] [--pages N]`: gives the
 * stations of a deployed stage's table (or the local one with `--stage local`) their place codes
 * and search entries, as the API writes them on every create and edit since issue 11. Run it once
 * after deploying issue 11 onto a table that holds stations; it is safe to run again (a station
 * already right is written the same) and while the app is live (each station in one transaction
 * conditioned on the version read). Resumable: the position after each page is kept in
 * `.local/backfill-<stage>.json`, and a later run carries on from it (`--restart` starts over).
 */
import { openStageCommand, runStageCommand } from './stageCommand';

const command = openStageCommand({
  script: 'stations:backfill',
  command: 'stations-backfill',
  progressName: 'backfill',
});

runStageCommand('补写驿站地区与搜索索引失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { backfillStations } = await import('../src/services/stationBackfill');
  const from = command.savedPosition() as
    | { province: string; startKey?: Record<string, unknown> }
    | undefined;
  if (from) console.log(`从上次的位置继续：${from.province}`);
  const { counts, next } = await backfillStations({
    ...(from ? { from } : {}),
    ...(command.maxPages ? { maxPages: command.maxPages } : {}),
    onPage: (position, sofar) => {
      command.keepPosition(position);
      console.log(
        `已处理 ${sofar.stations} 个驿站（补地区 ${sofar.placed}，无法识别区县 ${sofar.unplaced}）`,
      );
    },
  });
  console.log(
    `表 ${command.tableName}：读 ${counts.stations} 个驿站，写索引 ${counts.indexed} 个，补地区 ${counts.placed} 个，` +
      `无法识别区县 ${counts.unplaced} 个，并发修改跳过 ${counts.skipped} 个。`,
  );
  if (next) console.log(`尚未完成（--pages 已到），再次运行即从 ${next.province} 继续。`);
  else if (counts.skipped) console.log('有驿站被跳过：加 --restart 再运行一次即可补上。');
  else console.log('全部完成。');
});
