import type { HouseholdCreate, HouseholdEdit, HouseholdFile, HouseholdSummary } from '@ankang/shared';
import { auditEventPut, newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import { monitorCheckTodayPut } from '../db/hardshipAlerts';
import {
  getHardshipFileRecord,
  insertHardshipFile,
  listHardshipFilesInOrg,
  replaceHardshipFile,
} from '../db/hardshipFiles';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { provinceOf } from '../db/keys';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { keyedContentHash } from '../lib/lookupHash';
import type { Caller } from './caller';
import { reviewAfterWrite } from './hardshipMonitor';
import {
  caseworkerAfterMove,
  duplicateFiling,
  fileOrg,
  openFile,
  protectedFields,
  resolveCaseworker,
  stampConsent,
} from './hardshipRules';
import { fileSummaryView, fileView } from './hardshipViews';
import { povertyLineInForce, todayInShanghai } from './povertyLines';
import { assertInScope, listingRoot } from './scope';

const PAGE_SIZE = 20;

/** The detail view of a stored file: its address opened, the standard in force today looked up. */
export async function detailOf(record: HardshipFileRecord): Promise<HouseholdFile> {
  const today = todayInShanghai();
  const [{ address }, line] = await Promise.all([
    openFile(record),
    povertyLineInForce(record.orgPath, today),
  ]);
  return fileView(record, address, line, today);
}

/** A file's audit event, to be written in the same transaction as what it records. */
export function fileAudit(
  caller: Caller,
  record: HardshipFileRecord,
  action: string,
  at: string,
  reason?: string,
) {
  return auditEventPut({
    id: newAuditEventId(),
    actorUserId: caller.userId,
    actorName: caller.nickname,
    action,
    subjectType: 'hardshipFile',
    subjectId: record.id,
    orgPath: record.orgPath,
    ...(reason ? { reason } : {}),
    at,
  });
}

/** A create whose id is stored: the same caller with the same content is a retry; anything else reused the id. */
function answerExisting(caller: Caller, existing: HardshipFileRecord, hash: string): Promise<HouseholdFile> {
  if (existing.createdBy !== caller.userId || existing.contentHash !== hash)
    throw new AppError('REQUEST_ID_REUSED');
  // The file may have moved since it was filed: a retry shows it only while it is still in scope.
  assertInScope(caller, existing.orgPath);
  return detailOf(existing);
}

/**
 * Staff file a household under a client-made id, with its consent. The file, the claim on its ID
 * number (by keyed hash, per province) and the 建档 audit event are one transaction: a duplicate
 * number, a reused id or any failure stores nothing. A retry with the same content answers the
 * first result.
 */
export async function createHardshipFile(caller: Caller, body: HouseholdCreate): Promise<HouseholdFile> {
  const hash = await keyedContentHash(body);
  const existing = await getHardshipFileRecord(body.id);
  if (existing) return answerExisting(caller, existing, hash);

  const [node, caseworker] = await Promise.all([
    fileOrg(body.orgPath),
    resolveCaseworker(caller, body.caseworkerUserId, body.orgPath),
  ]);
  const at = now().toISOString();
  const { id, idNumber, phone, address, consent, caseworkerUserId: _asked, ...rest } = body;
  const record: HardshipFileRecord = {
    ...rest,
    id,
    orgName: node.name,
    district: node.region,
    ...(await protectedFields(id, { idNumber, phone, address })),
    ...caseworker,
    consent: stampConsent(consent, caller, at),
    contentHash: hash,
    createdBy: caller.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const outcome = await retryOnConflict(() =>
    insertHardshipFile(record, [
      fileAudit(caller, record, 'createFile', at),
      monitorCheckTodayPut(record.id, record.orgPath, at),
    ]),
  );
  if (outcome === 'saved') {
    await reviewAfterWrite(record.id, now());
    return detailOf(record);
  }
  if (outcome === 'duplicate') throw await duplicateFiling(caller, record);
  // A racing send of the same id landed first.
  const first = await getHardshipFileRecord(body.id);
  if (!first) throw new Error(`hardship file ${body.id} exists but cannot be read`);
  return answerExisting(caller, first, hash);
}

function versionConflict(current: HardshipFileRecord): AppError {
  return new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
}

/** A file the caller may act on, or 404 / 403. */
export async function fileInScope(caller: Caller, id: string): Promise<HardshipFileRecord> {
  const record = await getHardshipFileRecord(id);
  if (!record) throw new AppError('HARDSHIP_FILE_NOT_FOUND');
  assertInScope(caller, record.orgPath);
  return record;
}

/**
 * Staff edit a file they may act on, based on the version they read: a visit or another edit since
 * then is 409 VERSION_CONFLICT (a retry of the edit that made the current version is answered).
 * The ID number never changes; a move stays in the caller's scope and in the province.
 */
export async function updateHardshipFile(
  caller: Caller,
  id: string,
  body: HouseholdEdit,
): Promise<HouseholdFile> {
  const current = await fileInScope(caller, id);
  const hash = await keyedContentHash({ id, ...body });
  if (current.version !== body.version) {
    if (current.editHash === hash) return detailOf(current);
    throw versionConflict(current);
  }
  if (provinceOf(body.orgPath) !== provinceOf(current.orgPath)) {
    throw new AppError('VALIDATION_FAILED', {
      details: {
        issues: [{ path: 'body.orgPath', message: '档案不能移到其他省份的工会，请在当地重新建档' }],
      },
    });
  }
  const moved = body.orgPath !== current.orgPath;
  const keepCaseworker =
    body.caseworkerUserId === undefined || body.caseworkerUserId === current.caseworkerUserId;
  const [node, caseworker, opened] = await Promise.all([
    fileOrg(body.orgPath),
    !keepCaseworker
      ? resolveCaseworker(caller, body.caseworkerUserId, body.orgPath)
      : moved
        ? caseworkerAfterMove(caller, current, body.orgPath)
        : { caseworkerUserId: current.caseworkerUserId, caseworkerName: current.caseworkerName },
    openFile(current),
  ]);
  const at = now().toISOString();
  const {
    version,
    phone: newPhone,
    address,
    consent,
    caseworkerUserId: _asked,
    idNumber: _fixed,
    ...rest
  } = body;
  const phone = newPhone ?? opened.phone;
  const unchanged = opened.phone === phone && opened.address === address;
  const record: HardshipFileRecord = {
    ...current,
    ...rest,
    orgName: node.name,
    district: node.region,
    ...(unchanged ? {} : await protectedFields(id, { idNumber: opened.idNumber, phone, address })),
    ...caseworker,
    consent: stampConsent(consent, caller, at, current.consent),
    editHash: hash,
    updatedAt: at,
    version: version + 1,
  };
  // Optional fields cleared by the edit must not survive from the stored record.
  if (body.exitDate === undefined) delete record.exitDate;
  if (body.notes === undefined) delete record.notes;
  const saved = await retryOnConflict(() =>
    replaceHardshipFile(record, version, current.orgPath, [
      fileAudit(caller, record, 'updateFile', at),
      monitorCheckTodayPut(record.id, record.orgPath, at),
    ]),
  );
  if (saved) {
    await reviewAfterWrite(record.id, now());
    return detailOf(record);
  }
  const latest = await getHardshipFileRecord(id);
  if (latest && latest.editHash === hash) return detailOf(latest);
  throw versionConflict(latest ?? current);
}

/** One file, masked, for staff whose scope holds it. */
export async function getHardshipFile(caller: Caller, id: string): Promise<HouseholdFile> {
  return detailOf(await fileInScope(caller, id));
}

interface ListQuery {
  orgPath?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  caseworker?: string | undefined;
  overdue: boolean;
  cursor?: string | undefined;
}

/** The files of the caller's subtree (or an asked node inside it), newest first per node, filtered. */
export async function listHardshipFiles(
  caller: Caller,
  query: ListQuery,
): Promise<{ files: HouseholdSummary[]; nextCursor: string | null }> {
  const root = listingRoot(caller, query.orgPath);
  if (root === null) return { files: [], nextCursor: null };
  const today = todayInShanghai();
  const { records, nextCursor } = await listHardshipFilesInOrg(
    root,
    {
      category: query.category,
      status: query.status,
      caseworkerUserId: query.caseworker === 'me' ? caller.userId : query.caseworker,
      dueBefore: query.overdue ? today : undefined,
    },
    { limit: PAGE_SIZE, cursor: query.cursor },
  );
  return { files: records.map((record) => fileSummaryView(record, today)), nextCursor };
}
