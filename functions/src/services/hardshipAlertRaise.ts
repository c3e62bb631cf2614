import { randomBytes } from 'node:crypto';
import { type AlertRef, hardshipRuleLabels } from '@ankang/shared';
import { type AuditEvent, auditEventPut, newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import type { AlertRecord, AlertSlotRecord } from '../db/hardshipAlertItems';
import { getAlert, getAlertSlot, listOpenAlertsOfFile, releaseSlot } from '../db/hardshipAlerts';
import { raiseAlertWrite, updateAlertEvidenceWrite } from '../db/hardshipAlertWrites';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { logger } from '../lib/logger';
import { countBusiness } from '../lib/metrics';
import { alertDueOn, basisOf, settleDecision } from './hardshipAlertRules';
import type { RuleAlert } from './hardshipRuleTypes';

/** The actor of what the rules do on their own. */
export const SYSTEM_ACTOR = { actorUserId: 'system', actorName: '系统' } as const;

/** Tries of one rule's raise or update when a racing review keeps changing its slot first. */
const SLOT_RACE_ATTEMPTS = 3;

/** Where and under what an evaluation ran. */
export interface RaiseContext {
  file: HardshipFileRecord;
  policy: { version: number; orgPath: string | null };
  /** ISO instant of the review, and its Shanghai date. */
  at: string;
  today: string;
}

/** What settling one rule's result did. */
export type Settled =
  | { kind: 'raised'; alert: AlertRecord }
  | { kind: 'updated'; alert: AlertRecord }
  /** Open with the same evidence (that alert), or its basis was resolved before (null): nothing written. */
  | { kind: 'unchanged'; alert: AlertRecord | null };

export const refOf = (alert: AlertRecord): AlertRef => ({
  id: alert.id,
  rule: alert.rule,
  ruleLabel: hardshipRuleLabels[alert.rule],
  severity: alert.severity,
});

const RULE_ORDER = Object.keys(hardshipRuleLabels);

/**
 * Of a household's open alerts, those that stand on a visit (their basis is that visit, or that
 * visit compared with an earlier one), in the rules' order: what a visit's create answers as 已触发预警.
 */
export function alertsStandingOn(open: readonly AlertRecord[], visitId: string): AlertRef[] {
  return open
    .filter((alert) => alert.basis === visitId || alert.basis.startsWith(`${visitId}:`))
    .sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule))
    .map(refOf);
}

/**
 * The open alerts standing on a visit, read from the store: a retried create answers what the
 * first one did while nothing changed.
 */
export async function openAlertsOfVisit(fileId: string, visitId: string): Promise<AlertRef[]> {
  return alertsStandingOn(await listOpenAlertsOfFile(fileId), visitId);
}

const newAlertId = () => `ha_${randomBytes(16).toString('hex')}`;

/** The visit or date behind a basis, in words for the trail. */
function basisText(result: RuleAlert): string {
  switch (result.rule) {
    case 'visitOverdue':
      return `应于 ${result.evidence.dueOn} 前走访`;
    case 'monitoringWindowEnding':
      return `监测期 ${result.evidence.windowEndsOn} 届满`;
    case 'exitReview':
      return `${result.evidence.latestVisit.visitedOn} 走访`;
    default:
      return `${result.evidence.visit.visitedOn} 走访`;
  }
}

function systemAudit(action: string, alert: AlertRecord, detail: string): AuditEvent {
  return {
    id: newAuditEventId(),
    ...SYSTEM_ACTOR,
    action,
    subjectType: 'hardshipAlert',
    subjectId: alert.id,
    orgPath: alert.orgPath,
    detail,
    at: alert.updatedAt,
  };
}

function newAlert(context: RaiseContext, result: RuleAlert): AlertRecord {
  const { file, at, today } = context;
  return {
    id: newAlertId(),
    fileId: file.id,
    orgPath: file.orgPath,
    orgName: file.orgName,
    district: file.district,
    headName: file.headName,
    rule: result.rule,
    severity: result.severity,
    evidence: result.evidence,
    basis: basisOf(result),
    policy: context.policy,
    status: 'open',
    assigneeUserId: file.caseworkerUserId,
    assigneeName: file.caseworkerName,
    raisedAt: at,
    raisedOn: today,
    dueOn: alertDueOn(result, today),
    evidenceUpdatedAt: at,
    holderOrgPath: file.orgPath,
    escalations: [],
    ...(file.demo ? { demo: true as const } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Raises a new alert for a result whose basis is new; 'stale' when the slot moved since read. */
async function raise(context: RaiseContext, result: RuleAlert, slot: AlertSlotRecord | null) {
  const alert = newAlert(context, result);
  const audit = systemAudit(
    'raiseAlert',
    alert,
    `${basisText(result)}；分派给 ${alert.assigneeName}，${alert.dueOn} 前处理`,
  );
  const outcome = await retryOnConflict(() => raiseAlertWrite(alert, slot, auditEventPut(audit)));
  return { outcome, alert };
}

/** Writes an open alert's new evidence; 'stale' when it moved since read. */
async function update(context: RaiseContext, result: RuleAlert, alert: AlertRecord) {
  const next: AlertRecord = {
    ...alert,
    evidence: result.evidence,
    basis: basisOf(result),
    policy: context.policy,
    evidenceUpdatedAt: context.at,
    updatedAt: context.at,
    version: alert.version + 1,
  };
  const audit = systemAudit('updateAlertEvidence', next, `依据更新为 ${basisText(result)}`);
  const outcome = await retryOnConflict(() =>
    updateAlertEvidenceWrite(next, alert.version, auditEventPut(audit)),
  );
  return { outcome, alert: next };
}

/**
 * Settles one rule's result for a household against its slot: an open alert of the rule gets the
 * new evidence (only when it changed), a basis resolved before is left alone, anything else raises
 * a new alert. `alertRead` is the alert the slot names as the review read it (null: none, or not
 * found), so the first try reads nothing. Every write is conditional on the slot and alert as read;
 * a racing review that got there first makes this one read again and decide again (it then finds
 * that alert open).
 */
export async function settleRuleAlert(
  context: RaiseContext,
  result: RuleAlert,
  slotRead: AlertSlotRecord | null,
  alertRead: AlertRecord | null,
): Promise<Settled> {
  let slot = slotRead;
  for (let attempt = 1; ; attempt += 1) {
    const named = slot?.openAlertId;
    const open = !named ? null : attempt === 1 ? alertRead : await getAlert(named);
    if (slot?.openAlertId && (!open || open.status === 'resolved')) {
      // No code path leaves a slot so (a resolve releases it in the same transaction), but a slot
      // that does must not fail every review of the household: release it, then decide again.
      logger.warn('rule slot names an alert that is not open: released', {
        fileId: context.file.id,
        rule: result.rule,
        alertId: slot.openAlertId,
      });
      await releaseSlot(slot, slot.openAlertId, open?.basis ?? null, context.at);
    } else {
      if (settleDecision(result, slot, open) === 'unchanged') return { kind: 'unchanged', alert: open };
      const written = open ? await update(context, result, open) : await raise(context, result, slot);
      if (written.outcome === 'saved') {
        if (!open) countBusiness('alertRaised');
        return { kind: open ? 'updated' : 'raised', alert: written.alert };
      }
    }
    if (attempt >= SLOT_RACE_ATTEMPTS) {
      throw new Error(`alert slot ${context.file.id}/${result.rule} kept changing under a review`);
    }
    slot = await getAlertSlot(context.file.id, result.rule);
  }
}
