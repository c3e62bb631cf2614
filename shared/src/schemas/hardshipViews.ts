import { z } from 'zod';
import { maskedIdNumberSchema, maskedPhoneSchema } from '../domain/idNumber';
import {
  consentSchema,
  hardshipCategorySchema,
  hardshipCauseSchema,
  hardshipFileIdSchema,
  hardshipStatusSchema,
  householdIncomeSchema,
  householdMemberSchema,
} from './hardship';
import { localDateSchema } from './hours';
import { orgPathSchema } from './org';

/**
 * A file in a list: the ID number masked, the district and no street address or phone, so a list
 * on a screen or in a screenshot never places a household.
 */
export const householdSummarySchema = z.object({
  id: hardshipFileIdSchema,
  headName: z.string(),
  idNumberMasked: maskedIdNumberSchema,
  orgPath: orgPathSchema,
  orgName: z.string(),
  /** The org node's region, e.g. 大新镇. */
  district: z.string(),
  category: hardshipCategorySchema,
  status: hardshipStatusSchema,
  exitDate: localDateSchema.optional(),
  causes: z.array(hardshipCauseSchema),
  householdSize: z.number().int(),
  /** The latest visit's figure, else the one from the filed income. */
  perCapitaMonthlyFen: z.number().int(),
  caseworkerName: z.string(),
  lastVisitOn: localDateSchema.optional(),
  nextVisitDue: localDateSchema.optional(),
  /** The next visit was due before today (Asia/Shanghai). */
  visitOverdue: z.boolean(),
  demo: z.literal(true).optional(),
  version: z.number().int().min(1),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;

/** The 低保 standard in force for an org: set on that node or inherited from the nearest ancestor. */
export const povertyLineInForceSchema = z.object({
  monthlyFen: z.number().int(),
  effectiveFrom: localDateSchema,
  orgPath: orgPathSchema,
  orgName: z.string(),
});
export type PovertyLineInForce = z.infer<typeof povertyLineInForceSchema>;

/** A file as staff in scope read it: still masked; the street address is shown here only. */
export const householdFileSchema = householdSummarySchema.extend({
  phoneMasked: maskedPhoneSchema,
  address: z.string(),
  members: z.array(householdMemberSchema),
  income: householdIncomeSchema,
  consent: consentSchema,
  caseworkerUserId: z.string(),
  notes: z.string().optional(),
  povertyLine: povertyLineInForceSchema.optional(),
  suggestedCategory: hardshipCategorySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HouseholdFile = z.infer<typeof householdFileSchema>;

/** The unmasked fields: only the reveal route answers them, after a reason and an audit event. */
export const revealedHouseholdSchema = z.object({
  idNumber: z.string(),
  phone: z.string(),
  address: z.string(),
});
export type RevealedHousehold = z.infer<typeof revealedHouseholdSchema>;

export const hardshipAuditActionLabels = {
  createFile: '建档',
  updateFile: '修改档案',
  revealHousehold: '查看完整信息',
  recordVisit: '录入走访',
  correctVisit: '更正走访',
  importFile: '导入建档/导入更新',
  setPovertyLine: '设置低保标准',
  refileHousehold: '预警办结·重新建档',
} as const;
export type HardshipAuditAction = keyof typeof hardshipAuditActionLabels;
export const hardshipAuditActions = Object.keys(hardshipAuditActionLabels) as [
  HardshipAuditAction,
  ...HardshipAuditAction[],
];

/** One row of a file's access and change record, as supervisors read it. */
export const hardshipAuditEventSchema = z.object({
  id: z.string(),
  action: z.enum(hardshipAuditActions),
  actionLabel: z.string(),
  actorName: z.string(),
  reason: z.string().optional(),
  at: z.string(),
});
export type HardshipAuditEvent = z.infer<typeof hardshipAuditEventSchema>;

/** The monthly 低保 amount per person an org set, from a date on. */
export const povertyLineSchema = z.object({
  orgPath: orgPathSchema,
  orgName: z.string(),
  monthlyFen: z.number().int(),
  effectiveFrom: localDateSchema,
  setByName: z.string(),
  setAt: z.string(),
});
export type PovertyLine = z.infer<typeof povertyLineSchema>;

export const povertyLineDraftSchema = z.object({
  orgPath: orgPathSchema,
  effectiveFrom: localDateSchema,
  monthlyFen: z
    .number({ error: '请填写低保标准' })
    .int('金额须精确到分')
    .min(1, '低保标准须大于 0')
    .max(1_000_000, '低保标准过大，请核对'),
});
export type PovertyLineDraft = z.infer<typeof povertyLineDraftSchema>;
