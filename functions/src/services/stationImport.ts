import {
  type ContractParsedInput,
  type contracts,
  IMPORT_MAX_BYTES,
  type ImportResult,
} from '@ankang/shared';
import { insertStation, replaceStation, StationWriteError } from '../db/stationWrites';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { Caller } from './caller';
import { type ColumnKey, columnLabel, HEADER_SEARCH_ROWS, readLayout } from './importColumns';
import { mapRow } from './importMapping';
import { type Plan, planRows } from './importPlan';
import { readSheetRows } from './importRows';
import { reportsFollowingStation } from './reports';
import { editedStation, newStation } from './stationAdmin';

export type ImportBody = ContractParsedInput<typeof contracts.importStations>['body'];

/**
 * Rows one request takes: API Gateway HTTP APIs give up after 30 s, and validating plus writing
 * 2,000 rows stays well inside that (see the report's timing).
 */
export const IMPORT_MAX_ROWS = 2000;
/** Station writes in flight at once (each a small transaction). */
const WRITE_CONCURRENCY = 16;
/**
 * No write starts after this long since the request began, so the answer reaches the caller before
 * API Gateway's 30 s: rows left unwritten are reported, and importing again finishes them.
 */
const WRITE_BUDGET_MS = 20_000;

const column = (key: ColumnKey) => columnLabel[key];

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
  const bytes = Buffer.from(body.content, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new AppError('IMPORT_FILE_INVALID', { message: '文件过大（最大 4 MB），请拆分后分批导入' });
  }
  // The header may follow a few title rows: reading stops once the data rows must be too many.
  const sheet = await readSheetRows(body.format, bytes, IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS);
  const layout = readLayout(sheet.rows);
  const dataRows = sheet.rows.filter((r) => r.row > layout.headerRow);
  if (sheet.more || dataRows.length > IMPORT_MAX_ROWS) {
    throw new AppError('IMPORT_FILE_INVALID', {
      message: `文件超过 ${IMPORT_MAX_ROWS} 行数据，每次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分后分批导入`,
    });
  }
  const empty = {
    dryRun: body.dryRun,
    rows: dataRows.length,
    valid: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  if (!layout.complete) return { ...empty, issues: layout.issues };

  const mapped = dataRows.map((row) => mapRow(row, layout, body.orgPath));
  const planned = await planRows(body.orgPath, mapped);
  const plans = body.dryRun ? planned : await applyPlans(planned, deadline);

  const count = (action: Plan['action']) => plans.filter((p) => p.action === action).length;
  const result: ImportResult = {
    ...empty,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    valid: plans.length - count('refuse'),
    issues: [...layout.issues, ...plans.flatMap((p) => p.issues)],
  };
  logger.info('station import', {
    by: caller.userId,
    fileName: body.fileName,
    orgPath: body.orgPath,
    ...result,
    issues: result.issues.length,
  });
  return result;
}

/** Runs `task` over the items with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Writes the creates and updates; a write refused or failed turns its row into an issue. */
async function applyPlans(plans: Plan[], deadline: number): Promise<Plan[]> {
  const at = now();
  const applied = [...plans];
  const writes = plans.flatMap((plan, index) =>
    plan.action === 'create' || plan.action === 'update' ? [{ plan, index }] : [],
  );
  await inParallel(writes, WRITE_CONCURRENCY, async ({ plan, index }) => {
    if (performance.now() > deadline) {
      const issue = { row: plan.row, column: column('externalId'), message: OUT_OF_TIME };
      applied[index] = { row: plan.row, action: 'refuse', issues: [...plan.issues, issue] };
      return;
    }
    try {
      if (plan.action === 'create') await insertStation(newStation(plan.draft, at));
      else
        await replaceStation(
          editedStation(plan.previous, plan.draft, at),
          plan.previous,
          plan.previous.version,
          // Open reports move with the station to its new org, in the same transaction.
          await reportsFollowingStation(plan.previous, plan.draft.orgPath, at),
        );
    } catch (error) {
      const issue = { row: plan.row, column: column('externalId'), message: writeFailure(plan, error) };
      applied[index] = { row: plan.row, action: 'refuse', issues: [...plan.issues, issue] };
    }
  });
  return applied;
}

const OUT_OF_TIME = '本次导入用时已到，此行未保存，请再次导入（已保存的行不会重复）';

function writeFailure(plan: Plan, error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof StationWriteError) {
    if (error.reason === 'versionConflict' && plan.action === 'update')
      return '该驿站刚被他人修改，请重新导入';
    if (error.reason === 'duplicateExternalId') return '该外部编号刚被本组织的其他驿站使用，请重新导入';
  }
  logger.error('station import write failed', { row: plan.row, error });
  return '保存失败，请稍后重新导入（重复导入不会产生重复的驿站）';
}
