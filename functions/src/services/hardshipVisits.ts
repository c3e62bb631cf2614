import { perCapitaMonthlyFen, type Visit, type VisitCreate, type VisitCreated } from '@ankang/shared';
import { retryOnConflict } from '../db/conflictRetry';
import { monitorCheckTodayPut } from '../db/hardshipAlerts';
import type { HardshipFileRecord } from '../db/hardshipItems';
import type { VisitClaim, VisitRecord } from '../db/hardshipVisitItems';
import {
  fileAfterVisit,
  getVisitAt,
  getVisitClaim,
  listVisitsOfFile,
  writeVisit,
} from '../db/hardshipVisits';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { keyedContentHash } from '../lib/lookupHash';
import type { Caller } from './caller';
import { alertsStandingOn, openAlertsOfVisit } from './hardshipAlertRaise';
import { fileAudit, fileInScope } from './hardshipFiles';
import { reviewAfterWrite } from './hardshipMonitor';
import { visitView } from './hardshipVisitViews';
import { povertyLineInForce } from './povertyLines';

/** Visits per page of a file's timeline. */
const PAGE_SIZE = 20;
/** Writes tried when later-dated visits keep landing on the file between its read and the write. */
const FILE_RACE_ATTEMPTS = 3;

/**
 * The answer to a create whose id is claimed: the same visitor sending the same content for the
 * same file is a retry and gets the visit as first answered; anything else reused the id.
 */
async function answerExisting(
  caller: Caller,
  claim: VisitClaim,
  fileId: string,
  hash: string,
): Promise<VisitCreated> {
  if (claim.visitorUserId !== caller.userId || claim.fileId !== fileId || claim.contentHash !== hash) {
    throw new AppError('REQUEST_ID_REUSED');
  }
  const visit = await getVisitAt(claim);
  if (!visit) throw new Error(`visit ${claim.visitId} is claimed but cannot be read`);
  return withAlerts(visitView(visit));
}

/** The visit a correction names: one of this file's, else 404 (another file's is as absent as none). */
async function correctedVisit(fileId: string, visitId: string | undefined): Promise<VisitClaim | undefined> {
  if (visitId === undefined) return undefined;
  const claim = await getVisitClaim(visitId);
  if (!claim || claim.fileId !== fileId) throw new AppError('VISIT_NOT_FOUND');
  return claim;
}

/** The visit as stored: per-capita computed here from what was recorded, never taken from the client. */
async function newRecord(caller: Caller, file: HardshipFileRecord, body: VisitCreate, hash: string) {
  const line = await povertyLineInForce(file.orgPath, body.visitedOn);
  const stamp = now().toISOString();
  const record: VisitRecord = {
    ...body,
    fileId: file.id,
    perCapitaMonthlyFen: perCapitaMonthlyFen(body),
    ...(line ? { povertyLineFen: line.monthlyFen } : {}),
    visitorUserId: caller.userId,
    visitorName: caller.nickname,
    contentHash: hash,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
  };
  return record;
}

/** Whether a visit is the file's newest by date (a tie counts: the later entry of a day wins). */
const advances = (file: HardshipFileRecord, record: VisitRecord) =>
  file.lastVisitOn === undefined || file.lastVisitOn <= record.visitedOn;

/**
 * Staff in scope of the file record a visit under a client-made id. The visit, the claim on its id,
 * the link to the visit it corrects, the file's last/next visit and latest figures, and the audit
 * event are one transaction. The same id again with the same content answers the first visit and
 * writes nothing; other content, another file or another visitor is 409 REQUEST_ID_REUSED. The
 * household's monitor is set to "check today" in the same transaction; after the commit the rules
 * are evaluated (a failed review is logged and left to the daily sweep) and the answer names the
 * household's open alerts that stand on this visit.
 */
export async function createHardshipVisit(
  caller: Caller,
  fileId: string,
  body: VisitCreate,
): Promise<VisitCreated> {
  const hash = await keyedContentHash({ fileId, ...body });
  const [read, claim] = await Promise.all([fileInScope(caller, fileId), getVisitClaim(body.id)]);
  if (claim) return answerExisting(caller, claim, fileId, hash);
  const corrected = await correctedVisit(fileId, body.corrects);
  const record = await newRecord(caller, read, body, hash);
  const audit = fileAudit(caller, read, corrected ? 'correctVisit' : 'recordVisit', record.createdAt);
  const extra = [monitorCheckTodayPut(fileId, read.orgPath, record.createdAt)];

  let file = read;
  for (let attempt = 1; ; attempt += 1) {
    const advance = advances(file, record);
    const outcome = await retryOnConflict(() =>
      writeVisit(record, { corrected, file: fileAfterVisit(record, advance), audit, extra }),
    );
    if (outcome === 'saved') {
      const review = await reviewAfterWrite(fileId, now());
      // The review knows the alerts it left open; only when it failed are they read.
      if (review) return { ...visitView(record), alerts: alertsStandingOn(review.open, record.id) };
      return withAlerts(visitView(record));
    }
    if (outcome === 'claimed') return answerRace(caller, body.id, fileId, hash);
    // A later-dated visit landed on the file since it was read (or the file went): decide again.
    if (attempt >= FILE_RACE_ATTEMPTS) throw new Error(`file ${fileId} kept changing under visit ${body.id}`);
    file = await fileInScope(caller, fileId);
  }
}

/**
 * A visit's create answer: the visit and the household's open alerts standing on it (raised or
 * updated by it). A first answer and its retry read the same, so they agree. Should the read fail,
 * the visit stands and is answered without them.
 */
async function withAlerts(visit: Visit): Promise<VisitCreated> {
  try {
    return { ...visit, alerts: await openAlertsOfVisit(visit.fileId, visit.id) };
  } catch (error) {
    logger.error('reading the alerts of a visit failed', { visitId: visit.id, error });
    return visit;
  }
}

/** A racing send of the same id landed first: answered as a retry (or a reuse) of it. */
async function answerRace(
  caller: Caller,
  visitId: string,
  fileId: string,
  hash: string,
): Promise<VisitCreated> {
  const claim = await getVisitClaim(visitId);
  if (!claim) throw new Error(`visit ${visitId} was claimed but its claim cannot be read`);
  return answerExisting(caller, claim, fileId, hash);
}

/** A file's visits, newest visit date first, each with the later visits that correct it. */
export async function listHardshipVisits(
  caller: Caller,
  fileId: string,
  query: { cursor?: string | undefined },
): Promise<{ visits: Visit[]; nextCursor: string | null }> {
  await fileInScope(caller, fileId);
  const page = await listVisitsOfFile(fileId, { limit: PAGE_SIZE, cursor: query.cursor });
  return {
    visits: page.records.map((record) => visitView(record, page.correctedBy.get(record.id))),
    nextCursor: page.nextCursor,
  };
}
