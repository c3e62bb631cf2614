/**
 * `npm run stations:backfill -- --stage prod --region cn-north-1 [--restart] [--pages N]`: gives the
 * stations of a deployed stage's table (or the local one with `--stage local`) their place codes
 * and search entries, as the API writes them on every create and edit since issue 11. Run it once
 * after deploying issue 11 onto a table that holds stations; it is safe to run again (a station
 * already right is only read) and while the app is live (each station in one transaction
 * conditioned on the version read). Resumable: the progress after each page (the position, and
 * the ids of stations that kept changing) is kept in a file of the stage and table
 * (stageCommand.ts), and a later run carries on from it and tries those stations again
 * (`--restart` starts over). Stations still left are listed and the command exits 1.
 */
import { z } from 'zod';
import { openResumableCommand, runStageCommand } from './stageCommand';

const command = openResumableCommand({
  script: 'stations:backfill',
  command: 'stations-backfill',
  progressName: 'backfill',
  progressSchema: z.object({
    at: z
      .object({
        province: z.string().regex(/^\d{6}$/),
        startKey: z.record(z.string(), z.unknown()).optional(),
      })
      .nullable(),
    skippedStations: z.array(z.string().min(1)),
  }),
});

runStageCommand('补写驿站地区与搜索索引失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { backfillStations } = await import('../src/services/stationBackfill');
  const from = command.savedProgress();
  if (from) {
    const left =
      from.skippedStations.length > 0 ? `，并重试上次未处理的 ${from.skippedStations.length} 个驿站` : '';
    console.log(`从上次的位置继续：${from.at ? from.at.province : '全部已读'}${left}`);
  }
  const { counts, progress } = await backfillStations({
    ...(from ? { from } : {}),
    ...(command.maxPages ? { maxPages: command.maxPages } : {}),
    onPage: (next, sofar) => {
      command.keepProgress(next);
      console.log(
        `已处理 ${sofar.stations} 个驿站（补地区 ${sofar.placed}，无法识别区县 ${sofar.unplaced}）`,
      );
    },
  });
  command.keepProgress(progress);
  const skipped = progress?.skippedStations ?? [];
  console.log(
    `表 ${command.tableName}：读 ${counts.stations} 个驿站，写索引 ${counts.indexed} 个，已是最新 ${counts.unchanged} 个，` +
      `补地区 ${counts.placed} 个，无法识别区县 ${counts.unplaced} 个，并发修改跳过 ${skipped.length} 个。`,
  );
  if (skipped.length > 0) {
    console.error(
      `未处理的驿站 ${skipped.length} 个（一再被并发修改）：${skipped.join(',')}。` +
        '它们记在进度文件里：再运行一次（不加 --restart）即重试它们（已是最新的驿站只读不写）。',
    );
  }
  if (progress?.at) {
    console.log(`尚未完成（--pages 已到），再次运行即从 ${progress.at.province} 继续。`);
    return undefined;
  }
  if (skipped.length > 0) return 'incomplete';
  console.log('全部完成。');
  return undefined;
});
