/**
 * `npm run stations:backfill -- --stage prod --region cn-north-1 [--restart] [--pages N]`: gives the
 * stations of a deployed stage's table (or the local one with `--stage local`) their place codes
 * and search entries, as the API writes them on every create and edit since issue 11. Run it once
 * after deploying issue 11 onto a table that holds stations; it is safe to run again (a station
 * already right is only read) and while the app is live (each station in one transaction
 * conditioned on the version read). Resumable: the position after each page is kept in a file of
 * the stage and table (stageCommand.ts), and a later run carries on from it (`--restart` starts
 * over). Stations left (they kept changing) are listed and the command exits 1.
 */
import { z } from 'zod';
import { openResumableCommand, runStageCommand } from './stageCommand';

const command = openResumableCommand({
  script: 'stations:backfill',
  command: 'stations-backfill',
  progressName: 'backfill',
  positionSchema: z.object({
    province: z.string().regex(/^\d{6}$/),
    startKey: z.record(z.string(), z.unknown()).optional(),
  }),
});

runStageCommand('补写驿站地区与搜索索引失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { backfillStations } = await import('../src/services/stationBackfill');
  const from = command.savedPosition();
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
    `表 ${command.tableName}：读 ${counts.stations} 个驿站，写索引 ${counts.indexed} 个，已是最新 ${counts.unchanged} 个，` +
      `补地区 ${counts.placed} 个，无法识别区县 ${counts.unplaced} 个，并发修改跳过 ${counts.skipped} 个。`,
  );
  if (counts.skippedStations.length > 0) {
    console.error(
      `未处理的驿站 ${counts.skippedStations.length} 个（一再被并发修改）：${counts.skippedStations.join(',')}。` +
        '加 --restart 再运行一次即可补上（已是最新的驿站只读不写）。',
    );
  }
  if (next) console.log(`尚未完成（--pages 已到），再次运行即从 ${next.province} 继续。`);
  else if (counts.skippedStations.length === 0) console.log('全部完成。');
  return counts.skippedStations.length > 0 ? 'incomplete' : undefined;
});
