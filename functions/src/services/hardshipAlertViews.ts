import {
  type AlertHistoryEntry,
  type HardshipAlert,
  type HardshipAlertSummary,
  hardshipAlertActionLabels,
  hardshipRuleLabels,
} from '@ankang/shared';
import { listAuditEvents } from '../db/audit';
import { listAlertComments } from '../db/hardshipAlertComments';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { getAlert } from '../db/hardshipAlerts';
import { getHardshipFileRecord } from '../db/hardshipFiles';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { fileSummaryView } from './hardshipViews';
import { todayInShanghai } from './povertyLines';
import { assertInScope } from './scope';

/** Trail events a detail shows at most (the newest): years of daily work on one alert is far fewer. */
const HISTORY_LIMIT = 100;

/**
 * An alert as lists show it: the household by name and district only. Explicit fields, so nothing
 * internal (index keys, user ids of resolvers, …) reaches an answer.
 */
export function alertSummaryView(record: AlertRecord, today: string): HardshipAlertSummary {
  // Shown while the alert is held where it was escalated to; a file moved to another branch takes
  // it back to the household's node (the detail still lists every escalation).
  const latest = record.escalations.at(-1);
  const escalated = latest && latest.toOrgPath === record.holderOrgPath ? latest : undefined;
  return {
    id: record.id,
    fileId: record.fileId,
    rule: record.rule,
    ruleLabel: hardshipRuleLabels[record.rule],
    severity: record.severity,
    status: record.status,
    headName: record.headName,
    district: record.district,
    orgPath: record.orgPath,
    orgName: record.orgName,
    assigneeUserId: record.assigneeUserId,
    assigneeName: record.assigneeName,
    raisedAt: record.raisedAt,
    dueOn: record.dueOn,
    overdue: record.status !== 'resolved' && record.dueOn < today,
    ...(escalated
      ? {
          escalation: {
            toOrgPath: escalated.toOrgPath,
            toOrgName: escalated.toOrgName,
            level: record.escalations.length,
            at: escalated.at,
          },
        }
      : {}),
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

/** The alert's trail as the detail reads it, oldest first; events of other kinds are not its history. */
async function historyOf(alertId: string): Promise<AlertHistoryEntry[]> {
  const { events } = await listAuditEvents(alertId, { limit: HISTORY_LIMIT });
  return events.reverse().flatMap((event) => {
    const action = event.action as keyof typeof hardshipAlertActionLabels;
    if (!(action in hardshipAlertActionLabels)) return [];
    return [
      {
        action,
        actionLabel: hardshipAlertActionLabels[action],
        actorName: event.actorName ?? '（未知）',
        ...(event.reason ? { reason: event.reason } : {}),
        ...(event.detail ? { detail: event.detail } : {}),
        at: event.at,
      },
    ];
  });
}

/**
 * The household file an alert is about. The app never deletes one (已脱困 is a status), so a file
 * missing is damaged data, for an admin to restore (point-in-time recovery): until then the alert
 * is neither shown nor acted on (409 ALERT_FILE_MISSING), since neither the household's present
 * scope nor what the alert's outcome would apply to can be known. Callers that write check it first.
 */
export async function alertFileOf(record: AlertRecord): Promise<HardshipFileRecord> {
  const file = await getHardshipFileRecord(record.fileId);
  if (!file) throw new AppError('ALERT_FILE_MISSING');
  return file;
}

/**
 * The detail of a stored alert: evidence, escalations, comments, history and the masked household
 * (`file` when the caller read it already).
 */
export async function alertDetail(record: AlertRecord, file?: HardshipFileRecord): Promise<HardshipAlert> {
  const today = todayInShanghai();
  const [comments, history, household] = await Promise.all([
    listAlertComments(record.id),
    historyOf(record.id),
    file ?? alertFileOf(record),
  ]);
  return {
    ...alertSummaryView(record, today),
    evidence: record.evidence,
    policy: record.policy,
    basis: record.basis,
    evidenceUpdatedAt: record.evidenceUpdatedAt,
    ...(record.outcome ? { outcome: record.outcome } : {}),
    ...(record.resolvedAt ? { resolvedAt: record.resolvedAt } : {}),
    ...(record.resolvedByName ? { resolvedByName: record.resolvedByName } : {}),
    escalations: record.escalations.map((step) => ({
      fromOrgPath: step.fromOrgPath,
      fromOrgName: step.fromOrgName,
      toOrgPath: step.toOrgPath,
      toOrgName: step.toOrgName,
      at: step.at,
      dueOn: step.dueOn,
      assigneeName: step.assigneeName,
    })),
    comments: comments.map((comment) => ({
      id: comment.id,
      text: comment.text,
      authorName: comment.authorName,
      at: comment.at,
    })),
    history,
    household: fileSummaryView(household, today),
  };
}

/**
 * An alert the caller may act on, or 404 / 403. Scope is the household file's org (copied onto the
 * alert when raised): staff of the nodes above it see and act on escalated alerts through it.
 */
export async function alertInScope(caller: Caller, id: string): Promise<AlertRecord> {
  const record = await getAlert(id);
  if (!record) throw new AppError('ALERT_NOT_FOUND');
  assertInScope(caller, record.orgPath);
  return record;
}

/** One alert in full, for staff whose scope holds its household. */
export async function getHardshipAlert(caller: Caller, id: string): Promise<HardshipAlert> {
  return alertDetail(await alertInScope(caller, id));
}
