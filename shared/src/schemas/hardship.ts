import { z } from 'zod';
import { shanghaiDate } from '../domain/hours';
import { idNumberSchema } from '../domain/idNumber';
import { contactPhoneSchema } from './contactPhone';
import { localDateSchema } from './hours';
import { labelEnum } from './labels';
import { orgPathSchema } from './org';
import { safeText } from './text';
import { userIdSchema } from './user';
import { expectedVersionSchema } from './writes';

/** Client-made from a UUID v4 without dashes, so a retried filing carries the same id. */
export const hardshipFileIdSchema = z.string().regex(/^hf_[0-9a-f]{32}$/, '档案编号格式不正确');

export const hardshipCategoryLabels = {
  deep: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
} as const;
export type HardshipCategory = keyof typeof hardshipCategoryLabels;
export const hardshipCategorySchema = labelEnum(hardshipCategoryLabels);

export const hardshipStatusLabels = { active: '在档', exited: '已脱困', closed: '监测结束' } as const;
export type HardshipStatus = keyof typeof hardshipStatusLabels;
export const hardshipStatusSchema = labelEnum(hardshipStatusLabels);

export const hardshipCauseLabels = {
  illness: '疾病',
  disability: '残疾',
  unemployment: '失业',
  schooling: '子女就学',
  accident: '意外事故',
  disaster: '灾害',
  other: '其他',
} as const;
export type HardshipCause = keyof typeof hardshipCauseLabels;
export const hardshipCauseSchema = labelEnum(hardshipCauseLabels);

export const memberRelationLabels = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  other: '其他',
} as const;
export type MemberRelation = keyof typeof memberRelationLabels;
export const memberRelationSchema = labelEnum(memberRelationLabels);

export const memberConditionLabels = {
  healthy: '健康',
  chronic: '慢性病',
  serious: '大病',
  disabled: '残疾',
} as const;
export type MemberCondition = keyof typeof memberConditionLabels;
export const memberConditionSchema = labelEnum(memberConditionLabels);

export const employmentLabels = {
  employed: '在岗',
  flexible: '灵活就业',
  unemployed: '失业',
  farming: '务农',
  retired: '退休',
  student: '在校',
  unable: '无劳动能力',
} as const;
export type Employment = keyof typeof employmentLabels;
export const employmentSchema = labelEnum(employmentLabels);

export const consentScopeLabels = {
  filing: '建档',
  visits: '入户走访',
  verification: '信息核查（核对社保/民政数据）',
} as const;
export type ConsentScope = keyof typeof consentScopeLabels;
export const consentScopeSchema = labelEnum(consentScopeLabels);

export const consentMethodLabels = { written: '书面签字', recorded: '口头（录音）' } as const;
export type ConsentMethod = keyof typeof consentMethodLabels;
export const consentMethodSchema = labelEnum(consentMethodLabels);

/** A date that has happened (Asia/Shanghai), read at parse time so a form left open overnight still checks. */
export function pastDateSchema(label: string) {
  return localDateSchema.refine((date) => date <= shanghaiDate(new Date()), `${label}不能晚于今天`);
}

/** Whole fen, up to ¥100,000,000: far above any household's year, low enough that sums stay exact. */
export const MAX_FEN = 100_000_000_00;
export function fenSchema(label: string) {
  return z
    .number({ error: `请填写${label}` })
    .int(`${label}须精确到分`)
    .min(0, `${label}不能为负数`)
    .max(MAX_FEN, `${label}过大，请核对`);
}

/** No duplicates in a list of codes; one issue per repeated entry, at its index. */
export function uniqueCodes<T extends string>(label: string) {
  return (codes: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<T>();
    codes.forEach((code, index) => {
      if (seen.has(code))
        ctx.addIssue({ code: 'custom', message: `${label}重复`, path: [index], input: code });
      seen.add(code);
    });
  };
}

export const householdMemberSchema = z.object({
  relation: memberRelationSchema,
  name: safeText({ label: '成员姓名', min: 1, max: 20 }),
  birthYear: z
    .number({ error: '请填写出生年份' })
    .int('出生年份须为整数')
    .min(1900, '出生年份不能早于 1900 年')
    .refine((year) => year <= Number(shanghaiDate(new Date()).slice(0, 4)), '出生年份不能晚于今年'),
  condition: memberConditionSchema,
  employment: employmentSchema,
});
export type HouseholdMember = z.infer<typeof householdMemberSchema>;

export const householdIncomeSchema = z.object({
  annualIncomeFen: fenSchema('家庭年可支配收入'),
  annualFixedSpendingFen: fenSchema('年刚性支出'),
  medicalAccidentCostsFen: fenSchema('年医疗及意外支出'),
});
export type HouseholdIncome = z.infer<typeof householdIncomeSchema>;

/** Who agreed to the filing, when and to what: a file cannot exist without it. */
export const consentDraftSchema = z.object(
  {
    givenBy: safeText({ label: '同意人姓名', min: 2, max: 20 }),
    relation: memberRelationSchema,
    date: pastDateSchema('同意日期'),
    scopes: z
      .array(consentScopeSchema)
      .min(1, '请选择同意范围')
      .max(3)
      .superRefine(uniqueCodes('同意范围'))
      .refine((scopes) => scopes.includes('filing'), '同意范围须包含“建档”'),
    method: consentMethodSchema,
  },
  { error: (issue) => (issue.input === undefined ? '须记录户主（或监护人）同意建档的情况' : undefined) },
);
export type ConsentDraft = z.infer<typeof consentDraftSchema>;

/** The consent as stored: the server adds who recorded it and when. */
export const consentSchema = z.object({
  givenBy: z.string(),
  relation: memberRelationSchema,
  date: z.string(),
  scopes: z.array(consentScopeSchema),
  method: consentMethodSchema,
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Consent = z.infer<typeof consentSchema>;

/** The fields staff may change on a file: everything but the ID number (a new number is a new file). */
export const householdEditFields = {
  /** The household's district: an existing org node inside the caller's scope. */
  orgPath: orgPathSchema,
  headName: safeText({ label: '户主姓名', min: 2, max: 20 }),
  phone: contactPhoneSchema,
  address: safeText({ label: '住址', min: 2, max: 120 }),
  members: z
    .array(householdMemberSchema)
    .min(1, '请至少填写一名家庭成员')
    .max(12, '家庭成员最多 12 人')
    .refine((members) => members.filter((m) => m.relation === 'self').length === 1, {
      message: '家庭成员中须有且只有一位“本人”（户主）',
    }),
  category: hardshipCategorySchema,
  status: hardshipStatusSchema,
  exitDate: pastDateSchema('脱困日期').optional(),
  causes: z
    .array(hardshipCauseSchema)
    .min(1, '请至少选择一项致困原因')
    .max(7)
    .superRefine(uniqueCodes('致困原因')),
  income: householdIncomeSchema,
  /** Absent: the caller. */
  caseworkerUserId: userIdSchema.optional(),
  consent: consentDraftSchema,
  notes: safeText({ label: '备注', max: 500, multiline: true }).optional(),
};

/** 已脱困 needs the date it happened; the other statuses carry none. */
function exitDateRule(draft: { status: HardshipStatus; exitDate?: string }, ctx: z.RefinementCtx) {
  if (draft.status === 'exited' && draft.exitDate === undefined) {
    ctx.addIssue({ code: 'custom', message: '已脱困须填写脱困日期', path: ['exitDate'], input: undefined });
  }
  if (draft.status !== 'exited' && draft.exitDate !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: '只有已脱困的档案填写脱困日期',
      path: ['exitDate'],
      input: draft.exitDate,
    });
  }
}

/** A household as staff file it. */
export const householdDraftSchema = z
  .object({ ...householdEditFields, idNumber: idNumberSchema })
  .superRefine(exitDateRule);
export type HouseholdDraft = z.infer<typeof householdDraftSchema>;
export type HouseholdDraftInput = z.input<typeof householdDraftSchema>;

/** The create body: the client-made id and the draft. */
export const householdCreateSchema = z
  .object({ id: hardshipFileIdSchema, ...householdEditFields, idNumber: idNumberSchema })
  .superRefine(exitDateRule);
export type HouseholdCreate = z.infer<typeof householdCreateSchema>;
export type HouseholdCreateInput = z.input<typeof householdCreateSchema>;

/** The edit body: the version it was based on and the draft without the ID number. */
export const householdEditSchema = z
  .object({
    version: expectedVersionSchema,
    ...householdEditFields,
    /**
     * Absent: the stored phone stays. Staff only ever hold the masked number, so an edit must not
     * make them retype (or reveal) it to change something else.
     */
    phone: contactPhoneSchema.optional(),
    /** Refused rather than dropped, so a client never believes it changed the number. */
    idNumber: z.never({ error: '身份证号码不能修改；号码有误请重新建档' }).optional(),
  })
  .superRefine(exitDateRule);
export type HouseholdEdit = z.infer<typeof householdEditSchema>;
export type HouseholdEditInput = z.input<typeof householdEditSchema>;
