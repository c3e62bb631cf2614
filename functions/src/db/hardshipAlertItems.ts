import {
  alertEscalationSchema,
  alertEvidenceSchema,
  alertEvidenceSchemas,
  alertOutcomeSchema,
  alertPolicyRefSchema,
  hardshipAlertSeveritySchema,
  hardshipAlertStatusSchema,
  hardshipRuleSchema,
} from '@ankang/shared';
import { z } from 'zod';
import { tableName } from './client';
import { hardshipAlertKeys } from './keys';
import type { TransactItem } from './transactions';

/** The most escalations an alert records: a province is at most 4 levels above a town. */
export const MAX_ESCALATIONS = 5;
/** Resolved bases a rule slot remembers; older ones may raise again (years later, a fresh look). */
export const MAX_RESOLVED_BASES = 10;

/** One escalation as stored: the view's fields and who failed to act, by id. */
export const alertEscalationRecordSchema = alertEscalationSchema.extend({
  assigneeUserId: z.string().optional(),
});
export type AlertEscalationRecord = z.infer<typeof alertEscalationRecordSchema>;

/**
 * A hardship alert as stored. The household's name, district and org are copied from the file at
 * raise time, so lists read one item per alert. `holderOrgPath` is the node that must act now: the
 * file's org, or the latest escalation's target.
 */
export const alertRecordSchema = z
  .object({
    id: z.string(),
    fileId: z.string(),
    /** The file's org: scope is checked against it. */
    orgPath: z.string(),
    orgName: z.string(),
    district: z.string(),
    headName: z.string(),
    rule: hardshipRuleSchema,
    severity: hardshipAlertSeveritySchema,
    evidence: alertEvidenceSchema,
    basis: z.string(),
    policy: alertPolicyRefSchema,
    status: hardshipAlertStatusSchema,
    assigneeUserId: z.string(),
    assigneeName: z.string(),
    raisedAt: z.string(),
    raisedOn: z.string(),
    dueOn: z.string(),
    evidenceUpdatedAt: z.string(),
    outcome: alertOutcomeSchema.optional(),
    resolvedAt: z.string().optional(),
    resolvedByUserId: z.string().optional(),
    resolvedByName: z.string().optional(),
    holderOrgPath: z.string(),
    escalations: z.array(alertEscalationRecordSchema).max(MAX_ESCALATIONS),
    /** Escalated to a province node and overdue again: nowhere higher to go; out of the due index. */
    exhausted: z.boolean().optional(),
    /** Comments so far (comments move `updatedAt` but not `version`). */
    commentCount: z.number().int().min(0).optional(),
    demo: z.literal(true).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().min(1),
  })
  .superRefine((record, ctx) => {
    // The evidence must be its own rule's shape, not merely some rule's.
    if (!alertEvidenceSchemas[record.rule].safeParse(record.evidence).success) {
      ctx.addIssue({ code: 'custom', message: `evidence is not ${record.rule}'s`, path: ['evidence'] });
    }
  });
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** What an alert copies of its household's file, as one comparable string. */
export function householdKeyOf(household: {
  orgPath: string;
  orgName: string;
  district: string;
  headName: string;
}): string {
  return JSON.stringify([household.orgPath, household.orgName, household.district, household.headName]);
}

export const isUnresolved = (record: Pick<AlertRecord, 'status'>) => record.status !== 'resolved';

/**
 * Every index attribute an alert has in its state, computed from status, assignee, escalations,
 * holder and `exhausted` only, so no writer can leave an index out of step: the queue always; "mine"
 * and "due" while unresolved (due also not once exhausted); "escalated to" while unresolved,
 * escalated and held above the household's node.
 */
export function alertIndexAttributes(record: AlertRecord): Record<string, string> {
  const open = isUnresolved(record);
  const latest = record.escalations.at(-1);
  return {
    ...hardshipAlertKeys.queue(record.status, record.orgPath, record.dueOn, record.id),
    ...(open ? hardshipAlertKeys.mine(record.assigneeUserId, record.dueOn, record.id) : {}),
    ...(open && !record.exhausted ? hardshipAlertKeys.due(record.id, record.dueOn) : {}),
    // Held by the household's own node again (its file moved to another branch): not escalated now.
    ...(open && latest && record.holderOrgPath !== record.orgPath
      ? hardshipAlertKeys.escalated(record.holderOrgPath, latest.at, record.id)
      : {}),
  };
}

/** The alert's whole item. Pure, so the demo seed and tests write what the API reads. */
export function alertToItem(record: AlertRecord): Record<string, unknown> {
  return {
    ...hardshipAlertKeys.alert(record.id),
    ...alertIndexAttributes(record),
    type: 'HardshipAlert',
    ...record,
  };
}

/** A new alert, written only where none is (a raise; later writes are conditional updates). */
export function alertInsert(record: AlertRecord): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: alertToItem(record),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A household's slot for one rule: the "one open alert per household and rule" guarantee. */
export const alertSlotRecordSchema = z.object({
  fileId: z.string(),
  rule: hardshipRuleSchema,
  openAlertId: z.string().optional(),
  /** The basis of the last raise or evidence update. */
  lastBasis: z.string().optional(),
  /** Bases of resolved alerts (newest last, at most MAX_RESOLVED_BASES): never raised again. */
  resolvedBases: z.array(z.string()),
  /** householdKeyOf the open alert: a review tells a moved or renamed household without reading it. */
  householdKey: z.string().optional(),
  version: z.number().int().min(1),
  updatedAt: z.string(),
});
export type AlertSlotRecord = z.infer<typeof alertSlotRecordSchema>;

export function alertSlotToItem(record: AlertSlotRecord): Record<string, unknown> {
  return { ...hardshipAlertKeys.slot(record.fileId, record.rule), type: 'HardshipAlertSlot', ...record };
}

/**
 * The slot written whole, over what was read: absent (`expectedVersion` null) or at that version.
 * Raising adds that no alert may be open in it, so two racing raises of one rule cannot both land.
 */
export function alertSlotPut(
  record: AlertSlotRecord,
  expectedVersion: number | null,
  options: { requireNoOpenAlert?: boolean } = {},
): TransactItem {
  if (expectedVersion === null) {
    return {
      Put: {
        TableName: tableName,
        Item: alertSlotToItem(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
  const noOpen = options.requireNoOpenAlert ? ' AND attribute_not_exists(openAlertId)' : '';
  return {
    Put: {
      TableName: tableName,
      Item: alertSlotToItem(record),
      ConditionExpression: `version = :v${noOpen}`,
      ExpressionAttributeValues: { ':v': expectedVersion },
    },
  };
}

/** Resolved bases with `basis` remembered as the newest, keeping the last MAX_RESOLVED_BASES. */
export function withResolvedBasis(bases: readonly string[], basis: string): string[] {
  return [...bases.filter((b) => b !== basis), basis].slice(-MAX_RESOLVED_BASES);
}

/**
 * The slot released by its open alert `alertId`: no open alert, and `basis` (the resolved alert's;
 * null when it is unknown) remembered, so the same cause does not raise it again. Conditional on the
 * slot's version and on still holding that alert: for the resolve transaction, and for a review
 * healing a slot that names an alert no longer open.
 */
export function slotRelease(
  slot: AlertSlotRecord,
  alertId: string,
  basis: string | null,
  at: string,
): TransactItem {
  const { openAlertId: _released, ...rest } = slot;
  const next: AlertSlotRecord = {
    ...rest,
    resolvedBases: basis === null ? slot.resolvedBases : withResolvedBasis(slot.resolvedBases, basis),
    version: slot.version + 1,
    updatedAt: at,
  };
  return {
    Put: {
      TableName: tableName,
      Item: alertSlotToItem(next),
      ConditionExpression: 'version = :v AND openAlertId = :id',
      ExpressionAttributeValues: { ':v': slot.version, ':id': alertId },
    },
  };
}

/** A household's monitoring schedule: the next day its time-based rules may answer differently. */
export const monitorRecordSchema = z.object({
  fileId: z.string(),
  orgPath: z.string(),
  /** YYYY-MM-DD (Asia/Shanghai); at most 30 days ahead, so policy and 低保 changes are picked up monthly. */
  checkOn: z.string(),
  lastReviewedAt: z.string().optional(),
  demo: z.literal(true).optional(),
  version: z.number().int().min(1),
  updatedAt: z.string(),
});
export type MonitorRecord = z.infer<typeof monitorRecordSchema>;

export function monitorToItem(record: MonitorRecord): Record<string, unknown> {
  return {
    ...hardshipAlertKeys.monitor(record.fileId),
    ...hardshipAlertKeys.monitorCheck(record.fileId, record.checkOn),
    type: 'HardshipMonitor',
    ...record,
  };
}

/** A comment on an alert (its text is the author's, shown to staff in scope of the household). */
export const alertCommentRecordSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  text: z.string(),
  authorUserId: z.string(),
  authorName: z.string(),
  at: z.string(),
  demo: z.literal(true).optional(),
  version: z.number().int().min(1),
  updatedAt: z.string(),
});
export type AlertCommentRecord = z.infer<typeof alertCommentRecordSchema>;

export function alertCommentToItem(record: AlertCommentRecord): Record<string, unknown> {
  return {
    ...hardshipAlertKeys.comment(record.alertId, record.at, record.id),
    type: 'HardshipAlertComment',
    ...record,
  };
}

/** The claim on a comment id: which alert and author it was used for, and a keyed hash of its text. */
export const alertCommentClaimSchema = z.object({
  commentId: z.string(),
  alertId: z.string(),
  authorUserId: z.string(),
  contentHash: z.string(),
  /** Where the comment is stored (its sort key is built from this). */
  at: z.string(),
});
export type AlertCommentClaim = z.infer<typeof alertCommentClaimSchema>;

export function alertCommentClaimToItem(claim: AlertCommentClaim): Record<string, unknown> {
  return {
    ...hardshipAlertKeys.commentClaim(claim.commentId),
    type: 'HardshipAlertCommentClaim',
    ...claim,
    version: 1,
    updatedAt: claim.at,
  };
}
