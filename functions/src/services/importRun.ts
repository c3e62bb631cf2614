import { IMPORT_MAX_BYTES, type ImportIssue, type ImportResult } from '@ankang/shared';
import { AppError } from '../lib/errors';
import { type ColumnSet, HEADER_SEARCH_ROWS, type Layout, readLayout } from './importColumns';
import { readSheetRows, type SheetRow } from './importRows';

/**
 * The steps every import (stations, households) shares: reading the file within its limits, writing
 * the planned rows in parallel before a deadline, and counting the result.
 */

/**
 * Rows one request takes: API Gateway HTTP APIs give up after 30 s, and validating plus writing
 * 2,000 rows stays well inside that (see the report's timing).
 */
export const IMPORT_MAX_ROWS = 2000;
/** Writes in flight at once (each a small transaction). */
const WRITE_CONCURRENCY = 16;
/**
 * No write starts after this long since the request began, so the answer reaches the caller before
 * API Gateway's 30 s: rows left unwritten are reported, and importing again finishes them.
 */
export const WRITE_BUDGET_MS = 20_000;

export const OUT_OF_TIME = '本次导入用时已到，此行未保存，请再次导入（已保存的行不会重复）';

/** What an import does with one row, and the problems found in it (the variants add their data). */
export interface RowPlan {
  row: number;
  action: 'refuse' | 'unchanged' | 'create' | 'update';
  issues: ImportIssue[];
}
export interface Refusal extends RowPlan {
  action: 'refuse';
}

/**
 * The file's header and data rows. Refuses (IMPORT_FILE_INVALID) a file over 4 MB or over
 * IMPORT_MAX_ROWS data rows; reading stops once the data rows must be too many.
 */
export async function readImportFile<K extends string>(
  body: { format: 'csv' | 'xlsx'; content: string },
  set: ColumnSet<K>,
): Promise<{ layout: Layout<K>; dataRows: SheetRow[] }> {
  const bytes = Buffer.from(body.content, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new AppError('IMPORT_FILE_INVALID', { message: '文件过大（最大 4 MB），请拆分后分批导入' });
  }
  // The header may follow a few title rows: reading stops once the data rows must be too many.
  const sheet = await readSheetRows(body.format, bytes, IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS);
  const layout = readLayout(sheet.rows, set);
  const dataRows = sheet.rows.filter((r) => r.row > layout.headerRow);
  if (sheet.more || dataRows.length > IMPORT_MAX_ROWS) {
    throw new AppError('IMPORT_FILE_INVALID', {
      message: `文件超过 ${IMPORT_MAX_ROWS} 行数据，每次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分后分批导入`,
    });
  }
  return { layout, dataRows };
}

/** The answer: counts by action, the header's issues, then every row's, in file order. */
export function importResult(
  dryRun: boolean,
  rows: number,
  layoutIssues: ImportIssue[],
  plans: readonly RowPlan[],
): ImportResult {
  const count = (action: RowPlan['action']) => plans.filter((p) => p.action === action).length;
  return {
    dryRun,
    rows,
    valid: plans.length - count('refuse'),
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    issues: [...layoutIssues, ...plans.flatMap((p) => p.issues)],
  };
}

/** Runs `task` over the items with at most `limit` in flight. */
export async function inParallel<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
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

export interface WriteSteps<P extends RowPlan> {
  /** No write starts after this `performance.now()`. */
  deadline: number;
  /** The column a write's own failure is reported under (the row's key). */
  column: string;
  write: (plan: P) => Promise<void>;
  /** The Chinese reason for a failed write (logging what is unexpected). */
  failure: (plan: P, error: unknown) => string;
}

/**
 * Writes the creates and updates, 16 at a time; a write refused, failed, or not started before the
 * deadline turns its row into a refusal with an issue, so the count says what was stored.
 */
export async function applyPlans<P extends RowPlan>(
  plans: readonly P[],
  steps: WriteSteps<P>,
): Promise<(P | Refusal)[]> {
  const applied: (P | Refusal)[] = [...plans];
  const writes = plans.flatMap((plan, index) =>
    plan.action === 'create' || plan.action === 'update' ? [{ plan, index }] : [],
  );
  const refuse = (plan: P, index: number, message: string) => {
    const issue = { row: plan.row, column: steps.column, message };
    applied[index] = { row: plan.row, action: 'refuse', issues: [...plan.issues, issue] };
  };
  await inParallel(writes, WRITE_CONCURRENCY, async ({ plan, index }) => {
    if (performance.now() > steps.deadline) {
      refuse(plan, index, OUT_OF_TIME);
      return;
    }
    try {
      await steps.write(plan);
    } catch (error) {
      refuse(plan, index, steps.failure(plan, error));
    }
  });
  return applied;
}
