import {
  type AlertCounts,
  type AlertOutcome,
  acknowledgeHardshipAlert,
  assignHardshipAlert,
  commentHardshipAlert,
  getHardshipAlert,
  type HardshipAlert,
  type HardshipAlertSeverity,
  type HardshipAlertStatus,
  type HardshipAlertSummary,
  type HardshipRule,
  listEscalatedHardshipAlerts,
  listHardshipAlertAssignees,
  listHardshipAlerts,
  listMyHardshipAlerts,
  resolveHardshipAlert,
  startHardshipAlert,
} from '@ankang/shared';
import { call } from './api';
import { ApiError } from './errors';
import type { OutreachPage } from './staffOutreach';
import { newRequestId } from './stations';

/** Client-made comment id (`hc_` + 32 hex): a retried comment is stored once. */
export const newCommentId = () => `hc_${newRequestId().replace(/-/g, '')}`;

/** The queue's filters; the status is a tab, the rest narrow it. */
export interface AlertFilters {
  status: HardshipAlertStatus;
  severity?: HardshipAlertSeverity;
  rule?: HardshipRule;
  /** A union strictly below the caller's own. */
  childOrg?: string;
  /** 只看逾期 */
  overdue?: boolean;
}

/** Only the first page (no cursor) carries the counts. */
export type AlertQueuePage = OutreachPage<HardshipAlertSummary> & { counts?: AlertCounts };

export async function fetchAlertQueue(filters: AlertFilters, cursor?: string): Promise<AlertQueuePage> {
  const answer = await call(listHardshipAlerts, {
    query: {
      status: filters.status,
      severity: filters.severity,
      rule: filters.rule,
      childOrg: filters.childOrg,
      overdue: filters.overdue ? 'true' : undefined,
      cursor,
    },
  });
  return {
    items: answer.alerts,
    nextCursor: answer.nextCursor ?? undefined,
    ...(answer.counts ? { counts: answer.counts } : {}),
  };
}

/** The open count for the staff home (the queue's first page in its default view). */
export async function fetchOpenAlertCount(): Promise<{ count: number; capped: boolean }> {
  const { counts } = await call(listHardshipAlerts, { query: {} });
  // A first page always carries them; none would be a server fault, not "no alerts".
  if (!counts) throw new ApiError('BAD_RESPONSE');
  return { count: counts.open, capped: counts.capped };
}

export async function fetchMyAlerts(cursor?: string): Promise<OutreachPage<HardshipAlertSummary>> {
  const answer = await call(listMyHardshipAlerts, { query: { cursor } });
  return { items: answer.alerts, nextCursor: answer.nextCursor ?? undefined };
}

export async function fetchEscalatedAlerts(cursor?: string): Promise<OutreachPage<HardshipAlertSummary>> {
  const answer = await call(listEscalatedHardshipAlerts, { query: { cursor } });
  return { items: answer.alerts, nextCursor: answer.nextCursor ?? undefined };
}

export function fetchAlert(id: string): Promise<HardshipAlert> {
  return call(getHardshipAlert, { params: { id } });
}

export type AlertAssignee = { userId: string; name: string; orgPath: string; orgName: string };

export async function fetchAlertAssignees(id: string): Promise<AlertAssignee[]> {
  const { assignees } = await call(listHardshipAlertAssignees, { params: { id } });
  return assignees;
}

/** Each action carries the version shown; a stale one answers 409 VERSION_CONFLICT. */
export type AlertAction =
  | { kind: 'acknowledge'; note?: string }
  | { kind: 'start'; note?: string }
  | { kind: 'resolve'; outcome: AlertOutcome }
  | { kind: 'assign'; assigneeUserId: string; reason: string };

export function sendAlertAction(alert: Pick<HardshipAlert, 'id' | 'version'>, action: AlertAction) {
  const params = { id: alert.id };
  const { version } = alert;
  switch (action.kind) {
    case 'acknowledge':
      return call(acknowledgeHardshipAlert, { params, body: { version, note: action.note } });
    case 'start':
      return call(startHardshipAlert, { params, body: { version, note: action.note } });
    case 'resolve':
      return call(resolveHardshipAlert, { params, body: { version, outcome: action.outcome } });
    case 'assign':
      return call(assignHardshipAlert, {
        params,
        body: { version, assigneeUserId: action.assigneeUserId, reason: action.reason },
      });
  }
}

/** Sent again with the same id after a failure, so the server stores it once. */
export function sendAlertComment(alertId: string, id: string, text: string): Promise<HardshipAlert> {
  return call(commentHardshipAlert, { params: { id: alertId }, body: { id, text } });
}
