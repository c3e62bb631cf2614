import { z } from 'zod';
import {
  employmentSchema,
  fenSchema,
  hardshipFileIdSchema,
  memberRelationSchema,
  pastDateSchema,
  uniqueCodes,
} from './hardship';
import { localDateSchema } from './hours';
import { safeText } from './text';

/** Client-made from a UUID v4 without dashes, so a visit recorded offline and retried is stored once. */
export const hardshipVisitIdSchema = z.string().regex(/^hv_[0-9a-f]{32}$/, '走访编号格式不正确');

export const visitModeLabels = { home: '上门', phone: '电话' } as const;
export type VisitMode = keyof typeof visitModeLabels;
export const visitModeSchema = z.enum(['home', 'phone']);

export const visitIncidentKindLabels = {
  illness: '重大疾病',
  accident: '意外事故',
  disaster: '灾害',
} as const;
export type VisitIncidentKind = keyof typeof visitIncidentKindLabels;

export const largeSpendingKindLabels = { medical: '医疗', education: '教育', other: '其他' } as const;
export type LargeSpendingKind = keyof typeof largeSpendingKindLabels;

export const housingProblemLabels = {
  dangerous: '危房',
  none: '无房',
  rentBurden: '租房负担重',
  other: '其他',
} as const;
export type HousingProblem = keyof typeof housingProblemLabels;
const housingProblemSchema = z.enum(['dangerous', 'none', 'rentBurden', 'other']);

export const visitRiskLabels = { low: '低', medium: '中', high: '高' } as const;
export type VisitRisk = keyof typeof visitRiskLabels;
export const visitRiskSchema = z.enum(['low', 'medium', 'high']);

/** A main earner's work now (主要劳动力就业情况). */
export const visitEarnerSchema = z.object({
  relation: memberRelationSchema,
  employment: employmentSchema,
  changedSinceLastVisit: z.boolean(),
});

export const visitIncidentSchema = z.object({
  kind: z.enum(['illness', 'accident', 'disaster']),
  description: safeText({ label: '情况说明', min: 2, max: 100 }),
  expectedCostFen: fenSchema('预计费用'),
});

export const largeSpendingSchema = z.object({
  kind: z.enum(['medical', 'education', 'other']),
  amountFen: fenSchema('支出金额').refine((fen) => fen > 0, '支出金额须大于 0'),
  note: safeText({ label: '支出说明', max: 50 }).optional(),
});

const DAY_MS = 86_400_000;
const MAX_VISIT_GAP_DAYS = 366;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The next visit is due after this one, and within a year of it. */
function nextVisitRule(draft: { visitedOn: string; nextVisitDue: string }, ctx: z.RefinementCtx) {
  const gap = dayNumber(draft.nextVisitDue) - dayNumber(draft.visitedOn);
  if (gap < 1 || gap > MAX_VISIT_GAP_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: '下次走访日期须在本次走访之后一年以内',
      path: ['nextVisitDue'],
      input: draft.nextVisitDue,
    });
  }
}

/** An unknown field (most likely a typed per-capita figure) is refused, never silently dropped. */
const strictVisit = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? '走访记录含有不能填写的字段（人均收入由系统计算）' : undefined,
};

const visitDraftShape = {
  visitedOn: pastDateSchema('走访日期').refine((date) => date >= '2000-01-01', '走访日期不能早于 2000 年'),
  mode: visitModeSchema,
  annualIncomeFen: fenSchema('家庭年可支配收入'),
  annualFixedSpendingFen: fenSchema('年刚性支出'),
  householdSize: z.number().int('家庭人数须为整数').min(1, '家庭人数至少 1 人').max(20, '家庭人数最多 20 人'),
  earners: z.array(visitEarnerSchema).max(6, '主要劳动力最多 6 人'),
  illnessOrAccident: visitIncidentSchema.optional(),
  largeSpending: z.array(largeSpendingSchema).max(5, '大额支出最多 5 项'),
  housing: z.array(housingProblemSchema).max(4).superRefine(uniqueCodes('住房问题')),
  housingNote: safeText({ label: '住房情况说明', max: 100 }).optional(),
  risk: visitRiskSchema,
  notes: safeText({ label: '走访记录', max: 500, multiline: true }).optional(),
  nextVisitDue: localDateSchema,
  /** The visit of the same file this one corrects (a correction is a new visit, never an edit). */
  corrects: hardshipVisitIdSchema.optional(),
};

/**
 * A visit as the visitor records it. The per-capita figure is computed by the server from income,
 * spending and size and never typed: the schema is strict, so a client sending it is refused.
 */
export const visitDraftSchema = z.strictObject(visitDraftShape, strictVisit).superRefine(nextVisitRule);
export type VisitDraft = z.infer<typeof visitDraftSchema>;
export type VisitDraftInput = z.input<typeof visitDraftSchema>;

/** The create body: the client-made id and the draft (strict, as the draft). */
export const visitCreateSchema = z
  .strictObject({ id: hardshipVisitIdSchema, ...visitDraftShape }, strictVisit)
  .superRefine(nextVisitRule);
export type VisitCreate = z.infer<typeof visitCreateSchema>;
export type VisitCreateInput = z.input<typeof visitCreateSchema>;

/** A stored visit as staff in scope read it. */
export const visitSchema = z.object({
  id: hardshipVisitIdSchema,
  fileId: hardshipFileIdSchema,
  visitedOn: localDateSchema,
  mode: visitModeSchema,
  annualIncomeFen: z.number().int(),
  annualFixedSpendingFen: z.number().int(),
  householdSize: z.number().int(),
  earners: z.array(visitEarnerSchema),
  illnessOrAccident: z
    .object({
      kind: z.enum(['illness', 'accident', 'disaster']),
      description: z.string(),
      expectedCostFen: z.number(),
    })
    .optional(),
  largeSpending: z.array(
    z.object({
      kind: z.enum(['medical', 'education', 'other']),
      amountFen: z.number(),
      note: z.string().optional(),
    }),
  ),
  housing: z.array(housingProblemSchema),
  housingNote: z.string().optional(),
  risk: visitRiskSchema,
  notes: z.string().optional(),
  nextVisitDue: localDateSchema,
  corrects: hardshipVisitIdSchema.optional(),
  perCapitaMonthlyFen: z.number().int(),
  /** The 低保 standard in force on the visit's date, when one was set. */
  povertyLineFen: z.number().int().optional(),
  belowPovertyLine: z.boolean().optional(),
  visitorName: z.string(),
  createdAt: z.string(),
  /** Later visits that correct this one. */
  correctedBy: z.array(hardshipVisitIdSchema).optional(),
  demo: z.literal(true).optional(),
});
export type Visit = z.infer<typeof visitSchema>;
