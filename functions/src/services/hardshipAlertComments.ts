import type { AlertComment, HardshipAlert } from '@ankang/shared';
import { auditEventPut, newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import { getAlertCommentClaim, insertAlertComment } from '../db/hardshipAlertComments';
import type { AlertCommentClaim } from '../db/hardshipAlertItems';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { keyedContentHash } from '../lib/lookupHash';
import type { Caller } from './caller';
import { alertDetail, alertFileOf, alertInScope } from './hardshipAlertViews';

/**
 * A comment whose id is claimed: the same author sending the same text to the same alert is a
 * retry and gets the alert as it is now (nothing written); anything else reused the id.
 */
async function answerExisting(
  caller: Caller,
  claim: AlertCommentClaim,
  alertId: string,
  hash: string,
): Promise<HardshipAlert> {
  if (claim.authorUserId !== caller.userId || claim.alertId !== alertId || claim.contentHash !== hash) {
    throw new AppError('REQUEST_ID_REUSED');
  }
  return alertDetail(await alertInScope(caller, alertId));
}

/**
 * Staff comment on an alert they may act on, in any state (办结 included), under a client-made
 * id. The comment, the claim on its id, the alert's comment count and the audit event are one
 * transaction; the alert's version does not move, so nobody's transition turns stale by it.
 */
export async function commentHardshipAlert(
  caller: Caller,
  id: string,
  body: AlertComment,
): Promise<HardshipAlert> {
  const hash = await keyedContentHash({ alertId: id, text: body.text });
  const existing = await getAlertCommentClaim(body.id);
  if (existing) return answerExisting(caller, existing, id, hash);

  const record = await alertInScope(caller, id);
  // Before writing: the answer shows the household, and without its file nothing should change.
  const file = await alertFileOf(record);
  const at = now().toISOString();
  const claim: AlertCommentClaim = {
    commentId: body.id,
    alertId: id,
    authorUserId: caller.userId,
    contentHash: hash,
    at,
  };
  const comment = {
    id: body.id,
    alertId: id,
    text: body.text,
    authorUserId: caller.userId,
    authorName: caller.nickname,
    at,
    version: 1,
    updatedAt: at,
  };
  const audit = auditEventPut({
    id: newAuditEventId(),
    actorUserId: caller.userId,
    actorName: caller.nickname,
    action: 'commentAlert',
    subjectType: 'hardshipAlert',
    subjectId: id,
    orgPath: record.orgPath,
    at,
  });
  const outcome = await retryOnConflict(() => insertAlertComment(comment, claim, audit));
  if (outcome === 'noAlert') throw new AppError('ALERT_NOT_FOUND');
  if (outcome === 'claimed') {
    // A racing send of the same id landed first.
    const first = await getAlertCommentClaim(body.id);
    if (!first) throw new Error(`comment ${body.id} is claimed but its claim cannot be read`);
    return answerExisting(caller, first, id, hash);
  }
  // The alert as read, with what the comment changed on it: no second read. A transition that
  // landed in between shows on the next load, and the version shown makes acting on it a 409.
  return alertDetail({ ...record, commentCount: (record.commentCount ?? 0) + 1, updatedAt: at }, file);
}
