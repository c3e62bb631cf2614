import type { ContractParsedInput, contracts, ImportResult } from '@ankang/shared';
import { insertStation, StationWriteError } from '../db/stationWrites';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { Caller } from './caller';
import { columnLabel, stationColumns } from './importColumns';
import { mapRow } from './importMapping';
import { type Plan, planRows } from './importPlan';
import { applyPlans, importResult, readImportFile, WRITE_BUDGET_MS } from './importRun';
import { editedStation, newStation } from './stationAdmin';
import { saveEditedStation } from './stationMoves';

export { IMPORT_MAX_ROWS } from './importRun';

export type ImportBody = ContractParsedInput<typeof contracts.importStations>['body'];

/**
 * Imports stations from a CSV or XLSX file, one row per station keyed by its external id.
 * Every bad row is reported (row, column, Chinese reason) and left out; the valid rows are created,
 * updated, or counted unchanged — or, in a dry run, only counted. Updates are conditional on the
 * version read here, so a station edited meanwhile becomes an issue instead of being overwritten;
 * a retried import finds its stations by external id and writes nothing twice.
 */
export async function importStations(
  caller: Caller,
  body: ImportBody,
  options: { writeBudgetMs?: number } = {},
): Promise<ImportResult> {
  const deadline = performance.now() + (options.writeBudgetMs ?? WRITE_BUDGET_MS);
  const { layout, dataRows } = await readImportFile(body, stationColumns);
  if (!layout.complete) return importResult(body.dryRun, dataRows.length, layout.issues, []);

  const mapped = dataRows.map((row) => mapRow(row, layout, body.orgPath));
  const planned = await planRows(body.orgPath, mapped);
  const plans = body.dryRun ? planned : await applyStationPlans(planned, deadline);

  const result = importResult(body.dryRun, dataRows.length, layout.issues, plans);
  logger.info('station import', {
    by: caller.userId,
    fileName: body.fileName,
    orgPath: body.orgPath,
    ...result,
    issues: result.issues.length,
  });
  return result;
}

/** Writes the creates and updates; a write refused or failed turns its row into an issue. */
function applyStationPlans(plans: Plan[], deadline: number): Promise<Plan[]> {
  const at = now();
  return applyPlans(plans, {
    deadline,
    column: columnLabel.externalId,
    write: async (plan) => {
      if (plan.action === 'create') await insertStation(newStation(plan.draft, at));
      else if (plan.action === 'update')
        // Open problems and held comments move with the station to its new org.
        await saveEditedStation(
          editedStation(plan.previous, plan.draft, at),
          plan.previous,
          plan.previous.version,
          at,
        );
    },
    failure: writeFailure,
  });
}

function writeFailure(plan: Plan, error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof StationWriteError) {
    if (
      (error.reason === 'versionConflict' || error.reason === 'followersChanged') &&
      plan.action === 'update'
    )
      return '该驿站刚被他人修改，请重新导入';
    if (error.reason === 'duplicateExternalId') return '该外部编号刚被本组织的其他驿站使用，请重新导入';
  }
  logger.error('station import write failed', { row: plan.row, error });
  return '保存失败，请稍后重新导入（重复导入不会产生重复的驿站）';
}
