import { z } from 'zod';

/** The rules that watch a household for falling back into hardship, each with what it means to staff. */
export const hardshipRuleLabels = {
  belowPovertyLine: '人均收入低于低保标准',
  belowRelativeLine: '人均收入低于相对困难线',
  incomeDrop: '人均收入大幅下降',
  earnerUnemployed: '主要劳动力失业',
  medicalBurden: '医疗及意外支出超过家庭收入承受能力',
  visitOverdue: '未按期走访',
  monitoringWindowEnding: '监测期即将届满',
  exitReview: '连续高于低保标准，可评估脱困',
} as const;
export type HardshipRule = keyof typeof hardshipRuleLabels;
export const hardshipRuleSchema = z.enum(
  Object.keys(hardshipRuleLabels) as [HardshipRule, ...HardshipRule[]],
);

/** A risk's severity, or `task`: something to review that is not a risk (脱困评估, 监测期届满). */
export const hardshipAlertSeverityLabels = { high: '高', medium: '中', low: '低', task: '待办' } as const;
export type HardshipAlertSeverity = keyof typeof hardshipAlertSeverityLabels;
export const hardshipAlertSeveritySchema = z.enum(['high', 'medium', 'low', 'task']);

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

const hundredths = (label: string, min: number, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .multipleOf(0.01, `${label}最多两位小数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

/**
 * The thresholds and cadences of the monitoring rules an org node applies (inherited down the tree,
 * overridable, versioned). The 低保 standard itself is not here: it is the node's dated poverty line,
 * and a visit is always compared with the line in force on the visit's own date.
 */
export const hardshipPolicyFieldsSchema = z.object({
  /** 相对困难线 = this × 低保. */
  relativeMultiple: hundredths('相对困难线倍数', 1.1, 5),
  /** A per-capita fall of more than this percentage since the previous visit. */
  incomeDropPercent: wholeNumber('收入降幅', 5, 90),
  /** 意外致困: medical and accident costs above this share of the year's household income. */
  medicalShareOfIncome: hundredths('医疗支出占收入比例', 0.1, 5),
  /** Days between visits for a household on file (在档), or one out of hardship long enough. */
  cadenceActiveDays: wholeNumber('在档户走访周期（天）', 7, 366),
  /** Days between visits for one that left hardship less than `monitoringMonths` ago. */
  cadenceRecentExitDays: wholeNumber('脱困监测户走访周期（天）', 7, 366),
  /** Days between visits after a visit judged high risk or raising a high alert. */
  cadenceAfterHighDays: wholeNumber('高风险户走访周期（天）', 1, 366),
  /** How long a household is watched after it left hardship (脱贫不脱政策的监测期). */
  monitoringMonths: wholeNumber('脱困后监测期（月）', 1, 60),
  /** Months continuously above 低保 after which a filed household is put up for a 脱困 review. */
  exitReviewMonths: wholeNumber('脱困评估所需月数', 1, 36),
  /** How many days before the monitoring period ends its review task is raised. */
  windowEndingNoticeDays: wholeNumber('监测期届满提前提醒天数', 0, 180),
});

/** Checks that hold between thresholds, shared by the stored policy and a draft an admin sends. */
const cadenceFits = (p: {
  cadenceAfterHighDays: number;
  cadenceActiveDays: number;
  cadenceRecentExitDays: number;
}) => p.cadenceAfterHighDays <= Math.min(p.cadenceActiveDays, p.cadenceRecentExitDays);
const cadenceIssue = () => ({
  message: '高风险户走访周期不能长于其他走访周期',
  path: ['cadenceAfterHighDays'],
});

export const hardshipPolicySchema = hardshipPolicyFieldsSchema
  .extend({ version: wholeNumber('版本', 1, Number.MAX_SAFE_INTEGER) })
  .refine(cadenceFits, cadenceIssue());
export type HardshipPolicy = z.infer<typeof hardshipPolicySchema>;

/** The thresholds an admin sends for a node (the version is the server's to give). */
export const hardshipPolicyDraftSchema = hardshipPolicyFieldsSchema.refine(cadenceFits, cadenceIssue());
export type HardshipPolicyDraft = z.infer<typeof hardshipPolicyDraftSchema>;

/** What applies where no node has set its own: the national practice the issue names. */
export const defaultHardshipPolicy: HardshipPolicy = {
  version: 1,
  relativeMultiple: 2,
  incomeDropPercent: 30,
  medicalShareOfIncome: 0.8,
  cadenceActiveDays: 90,
  cadenceRecentExitDays: 90,
  cadenceAfterHighDays: 30,
  monitoringMonths: 12,
  exitReviewMonths: 6,
  windowEndingNoticeDays: 30,
};
