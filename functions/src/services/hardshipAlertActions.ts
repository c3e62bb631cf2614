import type {
  AlertAssign,
  AlertResolve,
  AlertTransition,
  HardshipAlert,
  HardshipAlertStatus,
} from '@ankang/shared';
import { auditEventPut, newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { getAlert, getAlertSlot } from '../db/hardshipAlerts';
import {
  slotResolveItem,
  type TransitionOutcome,
  writeAlertResolve,
  writeAlertTransition,
} from '../db/hardshipAlertTransitions';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { resolveAssignee } from './hardshipAlertAssignees';
import { alertAssignedNotice } from './hardshipAlertNotices';
import { outcomeText, refileWrite } from './hardshipAlertRefile';
import { alertDetail, alertFileOf, alertInScope } from './hardshipAlertViews';
import { reviewAfterWrite } from './hardshipMonitor';
import { notify } from './notifier';

type Action = 'acknowledgeAlert' | 'startAlert' | 'resolveAlert' | 'assignAlert';

/** The states each action may start from; anything else is 409 ALERT_TRANSITION_INVALID. */
const ALLOWED_FROM: Record<Action, readonly HardshipAlertStatus[]> = {
  acknowledgeAlert: ['open'],
  startAlert: ['acknowledged'],
  // Resolving an alert nobody has looked at is not allowed: acknowledge it first.
  resolveAlert: ['acknowledged', 'inProgress'],
  assignAlert: ['open', 'acknowledged', 'inProgress'],
};

/**
 * Writes tried while the caller's version stays current but the item moved under it (a comment, a
 * review touching the rule slot, an edit of the file being refiled). Then: 409 VERSION_CONFLICT.
 */
const ATTEMPTS = 3;

function versionConflict(version: number | undefined): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    version === undefined ? {} : { details: { currentVersion: version } },
  );
}

/**
 * The alert as read, with its household's file, if the caller may act on it and the action fits
 * its version and state.
 */
async function alertForAction(caller: Caller, id: string, version: number, action: Action) {
  const record = await alertInScope(caller, id);
  if (record.version !== version) throw versionConflict(record.version);
  if (!ALLOWED_FROM[action].includes(record.status)) throw new AppError('ALERT_TRANSITION_INVALID');
  // Before writing: the answer shows the household, and without its file nothing should change.
  return { record, file: await alertFileOf(record) };
}

/** An alert's audit event, to be written in the same transaction as what it records. */
function alertAudit(
  caller: Caller,
  record: AlertRecord,
  action: Action,
  at: string,
  words: { reason?: string | undefined; detail?: string | undefined } = {},
) {
  return auditEventPut({
    id: newAuditEventId(),
    actorUserId: caller.userId,
    actorName: caller.nickname,
    action,
    subjectType: 'hardshipAlert',
    subjectId: record.id,
    orgPath: record.orgPath,
    ...(words.reason ? { reason: words.reason } : {}),
    ...(words.detail ? { detail: words.detail } : {}),
    at,
  });
}

/**
 * Reads, checks and writes until the write lands over what was read (bounded). A racing
 * transition moves the version, so the next read answers 409 VERSION_CONFLICT: of two sends with
 * the same version exactly one wins. Answers the alert as written and the household's file as
 * read for it (for the answer: read once).
 */
async function transition(
  caller: Caller,
  id: string,
  version: number,
  action: Action,
  write: (read: AlertRecord, at: string) => Promise<{ outcome: TransitionOutcome; next: AlertRecord }>,
): Promise<{ saved: AlertRecord; file: HardshipFileRecord }> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const { record: read, file } = await alertForAction(caller, id, version, action);
    const { outcome, next } = await write(read, now().toISOString());
    if (outcome === 'saved') return { saved: next, file };
  }
  throw versionConflict((await getAlert(id))?.version);
}

/** The alert in a new state, one version on. */
function moved(read: AlertRecord, at: string, change: Partial<AlertRecord>): AlertRecord {
  return { ...read, ...change, updatedAt: at, version: read.version + 1 };
}

function simpleTransition(to: HardshipAlertStatus, action: Action) {
  return async (caller: Caller, id: string, body: AlertTransition): Promise<HardshipAlert> => {
    const { saved, file } = await transition(caller, id, body.version, action, async (read, at) => {
      const next = moved(read, at, { status: to });
      const audit = alertAudit(caller, read, action, at, { detail: body.note });
      return { next, outcome: await retryOnConflict(() => writeAlertTransition(next, read, audit)) };
    });
    return alertDetail(saved, file);
  };
}

/** 确认: open → acknowledged. */
export const acknowledgeHardshipAlert = simpleTransition('acknowledged', 'acknowledgeAlert');

/** 开始处理: acknowledged → inProgress. */
export const startHardshipAlert = simpleTransition('inProgress', 'startAlert');

/**
 * 办结 with an outcome, from acknowledged or in progress. The alert, its rule slot (free again, the
 * basis remembered so the same cause does not raise it again), its audit event and — for 重新建档 —
 * the file's new category with the file's monitor and audit event are one transaction.
 */
export async function resolveHardshipAlert(
  caller: Caller,
  id: string,
  body: AlertResolve,
): Promise<HardshipAlert> {
  const { saved, file } = await transition(caller, id, body.version, 'resolveAlert', async (read, at) => {
    const next = moved(read, at, {
      status: 'resolved',
      outcome: body.outcome,
      resolvedAt: at,
      resolvedByUserId: caller.userId,
      resolvedByName: caller.nickname,
    });
    const [slot, refile] = await Promise.all([
      getAlertSlot(read.fileId, read.rule),
      body.outcome.kind === 'refiled' ? refileWrite(caller, read, body.outcome, at) : null,
    ]);
    const audit = alertAudit(caller, read, 'resolveAlert', at, { detail: outcomeText(body.outcome) });
    const outcome = await retryOnConflict(() =>
      writeAlertResolve(next, read, slotResolveItem(slot, read, at), audit, refile),
    );
    return { next, outcome };
  });
  // The household under its new category: reviewed now, or by the sweep today should this fail.
  // Its file as read is then out of date: the answer reads it again.
  if (body.outcome.kind === 'refiled') {
    await reviewAfterWrite(saved.fileId, now());
    return alertDetail(saved);
  }
  return alertDetail(saved, file);
}

/**
 * 转派 with a reason, in any unresolved state: the new assignee is told after the commit (once per
 * hand-over, however often the request is retried). The trail keeps who had it, who has it now and why.
 */
export async function assignHardshipAlert(
  caller: Caller,
  id: string,
  body: AlertAssign,
): Promise<HardshipAlert> {
  const { saved, file } = await transition(caller, id, body.version, 'assignAlert', async (read, at) => {
    const assignee = await resolveAssignee(caller, read, body.assigneeUserId);
    const next = moved(read, at, assignee);
    const audit = alertAudit(caller, read, 'assignAlert', at, {
      reason: body.reason,
      detail: `${read.assigneeName} → ${assignee.assigneeName}`,
    });
    return { next, outcome: await retryOnConflict(() => writeAlertTransition(next, read, audit)) };
  });
  await notify(alertAssignedNotice(saved, `${caller.nickname}转派：${body.reason}`));
  return alertDetail(saved, file);
}
