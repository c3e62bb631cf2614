import { randomUUID } from 'node:crypto';
import type { ContractParsedInput, contracts, ImportResult } from '@ankang/shared';
import { retryOnConflict } from '../db/conflictRetry';
import { monitorCheckTodayPut } from '../db/hardshipAlerts';
import { insertHardshipFile, replaceHardshipFile } from '../db/hardshipFiles';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { keyedContentHash } from '../lib/lookupHash';
import type { Caller } from './caller';
import { fileAudit } from './hardshipFiles';
import { caseworkerAfterMove, protectedFields, sealedContactHash, stampConsent } from './hardshipRules';
import { householdColumnLabel, householdColumns, mapHouseholdRow } from './householdImportMapping';
import { type HouseholdPlan, planHouseholdRows } from './householdImportPlan';
import { applyPlans, importResult, readImportFile, WRITE_BUDGET_MS } from './importRun';

export type HouseholdImportBody = ContractParsedInput<typeof contracts.importHardshipFiles>['body'];

type Create = Extract<HouseholdPlan, { action: 'create' }>;
type Update = Extract<HouseholdPlan, { action: 'update' }>;

/**
 * Imports households (困难职工档案) from a CSV or XLSX ledger, one row per household keyed by its
 * ID number. Every bad cell is reported (row, column, Chinese reason) and its row left out; the
 * valid rows are filed, updated, or counted unchanged — or, in a dry run, only counted. A row's
 * file is found by the keyed hash of its ID number, so a retried import writes nothing twice.
 * Each write is one transaction with its 导入 audit event. Logs carry counts only: the rows hold
 * ID numbers, phones and addresses.
 */
export async function importHardshipFiles(
  caller: Caller,
  body: HouseholdImportBody,
  options: { writeBudgetMs?: number } = {},
): Promise<ImportResult> {
  const deadline = performance.now() + (options.writeBudgetMs ?? WRITE_BUDGET_MS);
  const { layout, dataRows } = await readImportFile(body, householdColumns);
  if (!layout.complete) return importResult(body.dryRun, dataRows.length, layout.issues, []);

  const mapped = dataRows.map((row) => mapHouseholdRow(row, layout, body.orgPath));
  const planned = await planHouseholdRows(caller, body.orgPath, mapped);
  const plans = body.dryRun ? planned : await applyHouseholdPlans(caller, planned, deadline);

  const result = importResult(body.dryRun, dataRows.length, layout.issues, plans);
  logger.info('household import', {
    by: caller.userId,
    orgPath: body.orgPath,
    dryRun: result.dryRun,
    rows: result.rows,
    valid: result.valid,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    issues: result.issues.length,
  });
  return result;
}

/** Why a write stored nothing, for the row's issue. */
class RowWriteRefused extends Error {}

function applyHouseholdPlans(caller: Caller, plans: HouseholdPlan[], deadline: number) {
  const at = now().toISOString();
  return applyPlans(plans, {
    deadline,
    column: householdColumnLabel.idNumber,
    write: async (plan) => {
      if (plan.action === 'create') await createFile(caller, plan, at);
      else if (plan.action === 'update') await updateFile(caller, plan, at);
    },
    failure: writeFailure,
  });
}

/** A new file under a server-made id, its ID claim and its audit event: one transaction. */
async function createFile(caller: Caller, plan: Create, at: string): Promise<void> {
  const id = `hf_${randomUUID().replace(/-/g, '')}`;
  const { idNumber, phone, address, consent, caseworkerUserId: _none, ...rest } = plan.draft;
  const record: HardshipFileRecord = {
    ...rest,
    id,
    orgName: plan.org.name,
    district: plan.org.region,
    ...(await protectedFields(id, { idNumber, phone, address })),
    // The caseworker is whoever imports; the form reassigns it.
    caseworkerUserId: caller.userId,
    caseworkerName: caller.nickname,
    consent: stampConsent(consent, caller, at),
    contentHash: await keyedContentHash({ id, ...plan.draft }),
    createdBy: caller.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  // Imported rows are not reviewed on the request (a sheet holds hundreds): "check today" hands
  // them to the daily sweep.
  const outcome = await retryOnConflict(() =>
    insertHardshipFile(record, [
      fileAudit(caller, record, 'importFile', at),
      monitorCheckTodayPut(record.id, record.orgPath, at),
    ]),
  );
  if (outcome === 'duplicate') throw new RowWriteRefused('该身份证号码刚被建档，请重新导入');
  if (outcome === 'exists') throw new Error('a fresh hardship file id was taken');
}

/**
 * The row over the stored file, if the file is still at the version read: a visit or an edit since
 * then leaves it as it is and the row becomes an issue. The caseworker and consent stay.
 */
async function updateFile(caller: Caller, plan: Update, at: string): Promise<void> {
  const { previous } = plan;
  const { idNumber, phone, address, consent: _kept, caseworkerUserId: _none, ...rest } = plan.draft;
  const record: HardshipFileRecord = {
    ...previous,
    ...rest,
    orgName: plan.org.name,
    district: plan.org.region,
    ...(rest.orgPath === previous.orgPath ? {} : await caseworkerAfterMove(caller, previous, rest.orgPath)),
    // Re-sealed (a new data key) only when the phone or address changed.
    ...(previous.contactHash === (await sealedContactHash({ phone, address }))
      ? {}
      : await protectedFields(previous.id, { idNumber, phone, address })),
    updatedAt: at,
    version: previous.version + 1,
  };
  // Cleared optional fields must not survive from the stored file; nor may the last form edit's hash.
  if (plan.draft.exitDate === undefined) delete record.exitDate;
  if (plan.draft.notes === undefined) delete record.notes;
  delete record.editHash;
  const saved = await retryOnConflict(() =>
    replaceHardshipFile(record, previous.version, previous.orgPath, [
      fileAudit(caller, record, 'importFile', at),
      monitorCheckTodayPut(record.id, record.orgPath, at),
    ]),
  );
  if (!saved) throw new RowWriteRefused('该档案刚被他人修改或录入了走访，请重新导入');
}

function writeFailure(plan: HouseholdPlan, error: unknown): string {
  if (error instanceof RowWriteRefused) return error.message;
  if (error instanceof AppError) return error.message;
  // The error of a failed write names no field values; the row number is all that is logged.
  logger.error('household import write failed', { row: plan.row, error });
  return '保存失败，请稍后重新导入（重复导入不会重复建档）';
}
