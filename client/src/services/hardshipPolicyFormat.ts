import {
  type HardshipPolicy,
  type HardshipPolicyDraft,
  type HardshipPolicySource,
  hardshipPolicyDraftSchema,
} from '@ankang/shared';

/** One rule as staff read it: when it fires, and what it raises. */
export interface PolicyRuleLine {
  key: string;
  when: string;
  raises: string;
  tone: 'high' | 'medium' | 'low' | 'task';
}

/** 0.8 → 80 (percent without float noise). */
const percentOf = (ratio: number) => Math.round(ratio * 100);

/** The rules a policy applies, in plain Chinese, in the order the issue lists them. */
export function policyRuleLines(policy: HardshipPolicy): PolicyRuleLine[] {
  return [
    { key: 'belowPovertyLine', when: '人均月收入低于低保标准', raises: '高风险', tone: 'high' },
    {
      key: 'belowRelativeLine',
      when: `人均月收入低于 ${policy.relativeMultiple} 倍低保标准`,
      raises: '中风险',
      tone: 'medium',
    },
    {
      key: 'incomeDrop',
      when: `人均月收入较上次走访下降超过 ${policy.incomeDropPercent}%`,
      raises: '中风险',
      tone: 'medium',
    },
    { key: 'earnerUnemployed', when: '主要劳动力新近失业', raises: '中风险', tone: 'medium' },
    {
      key: 'medicalBurden',
      when: `医疗及意外支出超过家庭年收入的 ${percentOf(policy.medicalShareOfIncome)}%`,
      raises: '高风险（意外致困）',
      tone: 'high',
    },
    {
      key: 'visitOverdue',
      when: `未按走访周期走访：在档户 ${policy.cadenceActiveDays} 天，脱困不满 ${policy.monitoringMonths} 个月 ${policy.cadenceRecentExitDays} 天，高风险后 ${policy.cadenceAfterHighDays} 天`,
      raises: '低风险',
      tone: 'low',
    },
    {
      key: 'monitoringWindowEnding',
      when: `脱困后监测 ${policy.monitoringMonths} 个月，届满前 ${policy.windowEndingNoticeDays} 天提醒`,
      raises: '监测期届满复核',
      tone: 'task',
    },
    {
      key: 'exitReview',
      when: `在档户连续 ${policy.exitReviewMonths} 个月高于低保标准`,
      raises: '脱困评估',
      tone: 'task',
    },
  ];
}

/** 本级设置 / 继承自 苏州市总工会 / 系统默认 */
export function sourceLabel(source: HardshipPolicySource, orgPath: string): string {
  if (source.fromOrgPath === null) return '系统默认';
  if (source.fromOrgPath === orgPath) return '本级设置';
  return `继承自 ${source.fromOrgName ?? source.fromOrgPath}`;
}

/** The edit form's boxes, as typed. The medical share is typed as a percentage (80 for 0.8). */
export interface PolicyFormValues {
  relativeMultiple: string;
  incomeDropPercent: string;
  medicalPercent: string;
  cadenceActiveDays: string;
  cadenceRecentExitDays: string;
  cadenceAfterHighDays: string;
  monitoringMonths: string;
  exitReviewMonths: string;
  windowEndingNoticeDays: string;
  note: string;
}

/** The form's rows: the box, its label and its unit. */
export const policyFormFields: {
  name: Exclude<keyof PolicyFormValues, 'note'>;
  label: string;
  unit: string;
}[] = [
  { name: 'relativeMultiple', label: '相对困难线', unit: '低保的倍数' },
  { name: 'incomeDropPercent', label: '较上次走访的收入降幅', unit: '%' },
  { name: 'medicalPercent', label: '医疗及意外支出占家庭年收入', unit: '%' },
  { name: 'cadenceActiveDays', label: '在档户走访周期', unit: '天' },
  { name: 'cadenceRecentExitDays', label: '脱困未满监测期的走访周期', unit: '天' },
  { name: 'cadenceAfterHighDays', label: '高风险后走访周期', unit: '天' },
  { name: 'monitoringMonths', label: '脱困后监测期', unit: '个月' },
  { name: 'windowEndingNoticeDays', label: '监测期届满前提醒', unit: '天' },
  { name: 'exitReviewMonths', label: '连续高于低保可评估脱困', unit: '个月' },
];

/** The form filled from a policy (an own setting, or the inherited one a new setting starts from). */
export function policyFormOf(policy: HardshipPolicy, note = ''): PolicyFormValues {
  return {
    relativeMultiple: String(policy.relativeMultiple),
    incomeDropPercent: String(policy.incomeDropPercent),
    medicalPercent: String(percentOf(policy.medicalShareOfIncome)),
    cadenceActiveDays: String(policy.cadenceActiveDays),
    cadenceRecentExitDays: String(policy.cadenceRecentExitDays),
    cadenceAfterHighDays: String(policy.cadenceAfterHighDays),
    monitoringMonths: String(policy.monitoringMonths),
    exitReviewMonths: String(policy.exitReviewMonths),
    windowEndingNoticeDays: String(policy.windowEndingNoticeDays),
    note,
  };
}

const numberOf = (typed: string) => (typed.trim() === '' ? Number.NaN : Number(typed.trim()));

/**
 * The draft the form says, checked by the server's own schema: the draft, or the first message per
 * box (the medical share's message speaks in percent, as the box does).
 */
export function policyDraftOf(
  values: PolicyFormValues,
):
  | { draft: HardshipPolicyDraft; errors: null }
  | { draft: null; errors: Partial<Record<keyof PolicyFormValues, string>> } {
  const medical = numberOf(values.medicalPercent);
  const candidate = {
    relativeMultiple: numberOf(values.relativeMultiple),
    incomeDropPercent: numberOf(values.incomeDropPercent),
    medicalShareOfIncome: Number.isNaN(medical) ? medical : Math.round(medical) / 100,
    cadenceActiveDays: numberOf(values.cadenceActiveDays),
    cadenceRecentExitDays: numberOf(values.cadenceRecentExitDays),
    cadenceAfterHighDays: numberOf(values.cadenceAfterHighDays),
    monitoringMonths: numberOf(values.monitoringMonths),
    exitReviewMonths: numberOf(values.exitReviewMonths),
    windowEndingNoticeDays: numberOf(values.windowEndingNoticeDays),
  };
  const errors: Partial<Record<keyof PolicyFormValues, string>> = {};
  if (!Number.isNaN(medical) && !Number.isInteger(medical)) errors.medicalPercent = '比例请填写整数百分比';
  const parsed = hardshipPolicyDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key =
        issue.path[0] === 'medicalShareOfIncome'
          ? 'medicalPercent'
          : (issue.path[0] as keyof PolicyFormValues);
      if (errors[key]) continue;
      errors[key] = key === 'medicalPercent' ? '医疗及意外支出比例须在 10% 到 500% 之间' : issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { draft: null, errors };
  return { draft: parsed.data, errors: null };
}

/**
 * The 低保 standard in force on `today` among a node's and its ancestors' lines: the deepest node
 * with a started line, its latest (as the server picks it for a file).
 */
export function lineInForce<T extends { orgPath: string; effectiveFrom: string }>(
  lines: T[],
  today: string,
): T | null {
  let best: T | null = null;
  for (const line of lines) {
    if (line.effectiveFrom > today) continue;
    const depth = line.orgPath.split('/').length;
    const bestDepth = best ? best.orgPath.split('/').length : -1;
    if (depth > bestDepth || (best && depth === bestDepth && line.effectiveFrom > best.effectiveFrom))
      best = line;
  }
  return best;
}
