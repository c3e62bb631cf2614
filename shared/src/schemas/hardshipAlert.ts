import { z } from 'zod';
import { hardshipCategorySchema, hardshipFileIdSchema } from './hardship';
import { alertEvidenceSchema } from './hardshipAlertEvidence';
import { hardshipAlertSeveritySchema, hardshipRuleSchema } from './hardshipPolicy';
import { householdSummarySchema } from './hardshipViews';
import { visitSchema } from './hardshipVisit';
import { localDateSchema } from './hours';
import { labelEnum } from './labels';
import { orgPathSchema } from './org';
import { safeText } from './text';
import { userIdSchema } from './user';
import { expectedVersionSchema } from './writes';

/** Server-made: an alert is raised by the rules, never by a client. */
export const hardshipAlertIdSchema = z.string().regex(/^ha_[0-9a-f]{32}$/, '预警编号格式不正确');
/** Client-made from a UUID v4 without dashes, so a retried comment is stored once. */
export const alertCommentIdSchema = z.string().regex(/^hc_[0-9a-f]{32}$/, '评论编号格式不正确');

export const hardshipAlertStatusLabels = {
  open: '待确认',
  acknowledged: '已确认',
  inProgress: '处理中',
  resolved: '已办结',
} as const;
export type HardshipAlertStatus = keyof typeof hardshipAlertStatusLabels;
export const hardshipAlertStatusSchema = labelEnum(hardshipAlertStatusLabels);

export const alertOutcomeKindLabels = {
  noHelp: '无需帮扶',
  helped: '已帮扶',
  refiled: '重新建档',
  referred: '转介',
} as const;
export type AlertOutcomeKind = keyof typeof alertOutcomeKindLabels;
export const alertOutcomeKindSchema = labelEnum(alertOutcomeKindLabels);

export const helpMeasureLabels = {
  warmth: '送温暖',
  medicalMutual: '医疗互助',
  employment: '就业援助',
  education: '助学',
  livingAid: '生活救助',
  other: '其他',
} as const;
export type HelpMeasure = keyof typeof helpMeasureLabels;
export const helpMeasureSchema = labelEnum(helpMeasureLabels);

/** What the people of an alert's trail did, as the detail's history reads it. */
export const hardshipAlertActionLabels = {
  raiseAlert: '触发预警',
  updateAlertEvidence: '更新预警依据',
  acknowledgeAlert: '确认',
  startAlert: '开始处理',
  resolveAlert: '办结',
  assignAlert: '转派',
  commentAlert: '评论',
  escalateAlert: '逾期上报上级',
  followFile: '随档案变更',
} as const;
export type HardshipAlertAction = keyof typeof hardshipAlertActionLabels;
export const hardshipAlertActionSchema = labelEnum(hardshipAlertActionLabels);

const outcomeNote = safeText({ label: '办结说明', max: 200, multiline: true }).optional();

const uniqueMeasures = (measures: HelpMeasure[]) => new Set(measures).size === measures.length;

/** How an alert was closed; 重新建档 changes the household's category in the same transaction. */
export const alertOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('noHelp'),
    note: safeText({
      label: '无需帮扶的理由',
      min: 2,
      max: 200,
      multiline: true,
      messages: { empty: '请说明无需帮扶的理由' },
    }),
  }),
  z.object({
    kind: z.literal('helped'),
    measures: z
      .array(helpMeasureSchema)
      .min(1, '请选择帮扶措施')
      .max(6)
      .refine(uniqueMeasures, '帮扶措施重复'),
    amountFen: z
      .number()
      .int('金额须精确到分')
      .min(0, '金额不能为负数')
      .max(100_000_000, '金额过大，请核对')
      .optional(),
    note: outcomeNote,
  }),
  z.object({ kind: z.literal('refiled'), category: hardshipCategorySchema, note: outcomeNote }),
  z.object({
    kind: z.literal('referred'),
    referredTo: safeText({
      label: '转介单位',
      min: 2,
      max: 40,
      messages: { empty: '请填写转介单位（如民政部门）' },
    }),
    note: outcomeNote,
  }),
]);
export type AlertOutcome = z.infer<typeof alertOutcomeSchema>;

/** The policy an alert was raised under: its version and the node that set it (null: the default). */
export const alertPolicyRefSchema = z.object({
  version: z.number().int(),
  orgPath: orgPathSchema.nullable(),
});
export type AlertPolicyRef = z.infer<typeof alertPolicyRefSchema>;

/** An alert in a list: the household by name and district only (no ID number, phone or address). */
export const hardshipAlertSummarySchema = z.object({
  id: hardshipAlertIdSchema,
  fileId: hardshipFileIdSchema,
  rule: hardshipRuleSchema,
  ruleLabel: z.string(),
  severity: hardshipAlertSeveritySchema,
  status: hardshipAlertStatusSchema,
  headName: z.string(),
  district: z.string(),
  /** The file's org. */
  orgPath: orgPathSchema,
  orgName: z.string(),
  assigneeUserId: z.string(),
  assigneeName: z.string(),
  raisedAt: z.string(),
  dueOn: localDateSchema,
  /** Unresolved with its due date before today (Asia/Shanghai). */
  overdue: z.boolean(),
  /** The latest escalation, when it was escalated: who holds it now and how many levels up. */
  escalation: z
    .object({
      toOrgPath: orgPathSchema,
      toOrgName: z.string(),
      level: z.number().int().min(1),
      at: z.string(),
    })
    .optional(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type HardshipAlertSummary = z.infer<typeof hardshipAlertSummarySchema>;

/** One escalation: the node that missed the due date, who failed to act, and where it went. */
export const alertEscalationSchema = z.object({
  fromOrgPath: orgPathSchema,
  fromOrgName: z.string(),
  toOrgPath: orgPathSchema,
  toOrgName: z.string(),
  at: z.string(),
  /** The due date that was missed. */
  dueOn: localDateSchema,
  /** The assignee who failed to act. */
  assigneeName: z.string(),
});
export type AlertEscalation = z.infer<typeof alertEscalationSchema>;

export const alertCommentViewSchema = z.object({
  id: alertCommentIdSchema,
  text: z.string(),
  authorName: z.string(),
  at: z.string(),
});
export type AlertCommentView = z.infer<typeof alertCommentViewSchema>;

export const alertHistoryEntrySchema = z.object({
  action: hardshipAlertActionSchema,
  actionLabel: z.string(),
  actorName: z.string(),
  reason: z.string().optional(),
  /** e.g. 顾晓东 → 李敏, or the outcome in words. */
  detail: z.string().optional(),
  at: z.string(),
});
export type AlertHistoryEntry = z.infer<typeof alertHistoryEntrySchema>;

/** An alert as staff in scope of its household read it. */
export const hardshipAlertSchema = hardshipAlertSummarySchema.extend({
  evidence: alertEvidenceSchema,
  policy: alertPolicyRefSchema,
  /** What caused it (a visit, a due date, a window end): the same basis never raises twice. */
  basis: z.string(),
  evidenceUpdatedAt: z.string(),
  outcome: alertOutcomeSchema.optional(),
  resolvedAt: z.string().optional(),
  resolvedByName: z.string().optional(),
  escalations: z.array(alertEscalationSchema),
  comments: z.array(alertCommentViewSchema),
  history: z.array(alertHistoryEntrySchema),
  household: householdSummarySchema,
});
export type HardshipAlert = z.infer<typeof hardshipAlertSchema>;

/** Alerts per status in the queue's scope; a count that stopped at its bound sets `capped` (999+). */
/**
 * Alerts per unresolved state under the queue's filters. Resolved alerts are not counted: they only
 * accumulate, so counting them would read the bound's worth on every request.
 */
export const alertCountsSchema = z.object({
  open: z.number().int(),
  acknowledged: z.number().int(),
  inProgress: z.number().int(),
  capped: z.boolean(),
});
export type AlertCounts = z.infer<typeof alertCountsSchema>;

/** An alert a write raised or updated, as the write's answer names it (已触发预警). */
export const alertRefSchema = z.object({
  id: hardshipAlertIdSchema,
  rule: hardshipRuleSchema,
  ruleLabel: z.string(),
  severity: hardshipAlertSeveritySchema,
});
export type AlertRef = z.infer<typeof alertRefSchema>;

const transitionNote = safeText({ label: '备注', max: 200, multiline: true }).optional();

/** acknowledge / start: the version the action was based on, and an optional note. */
export const alertTransitionSchema = z.object({ version: expectedVersionSchema, note: transitionNote });
export type AlertTransition = z.infer<typeof alertTransitionSchema>;

export const alertResolveSchema = z.object({ version: expectedVersionSchema, outcome: alertOutcomeSchema });
export type AlertResolve = z.infer<typeof alertResolveSchema>;

export const alertAssignSchema = z.object({
  version: expectedVersionSchema,
  assigneeUserId: userIdSchema,
  reason: safeText({ label: '转派原因', min: 2, max: 60, messages: { empty: '请填写转派原因' } }),
});
export type AlertAssign = z.infer<typeof alertAssignSchema>;

export const alertCommentSchema = z.object({
  id: alertCommentIdSchema,
  text: safeText({ label: '评论', min: 1, max: 300, multiline: true }),
});
export type AlertComment = z.infer<typeof alertCommentSchema>;

/** A recorded visit as its create route answers it: with the alerts it raised or updated. */
export const visitCreatedSchema = visitSchema.extend({ alerts: z.array(alertRefSchema).optional() });
export type VisitCreated = z.infer<typeof visitCreatedSchema>;
