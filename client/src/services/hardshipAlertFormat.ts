import {
  type AlertEvidence,
  type AlertEvidenceOf,
  type AlertOutcome,
  alertOutcomeKindLabels,
  type Employment,
  employmentLabels,
  type HardshipAlertSeverity,
  type HardshipRule,
  hardshipAlertSeverityLabels,
  hardshipCategoryLabels,
  helpMeasureLabels,
  type MemberRelation,
  memberRelationLabels,
} from '@ankang/shared';
import { addDays } from './outreachDates';

/**
 * An alert's evidence as staff read it: plain Chinese sentences with the figures, thresholds and
 * visits behind it. Pure (no I/O, no clock but the `today` passed in), so each rule's wording is
 * unit-tested against strings written by hand.
 */

/** An alert's rule with its evidence, typed together (the detail carries them side by side). */
export type EvidenceOf = { [R in HardshipRule]: { rule: R; evidence: AlertEvidenceOf<R> } }[HardshipRule];

/** The detail's `rule` and `evidence`, paired: the server validated the evidence against its rule. */
export const evidencePair = (alert: { rule: HardshipRule; evidence: AlertEvidence }) =>
  ({ rule: alert.rule, evidence: alert.evidence }) as EvidenceOf;

type LineUsed = AlertEvidenceOf<'belowPovertyLine'>['povertyLine'];

/** ¥1,030.00: yuan with thousands separators and always two decimals (no Intl: WeChat's engines differ). */
function yuanFixed(fen: number): string {
  const rounded = Math.round(fen);
  const abs = Math.abs(rounded);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${rounded < 0 ? '-' : ''}¥${whole}.${cents}`;
}

/** 30%, 33.33%, 80% (a share like 0.8 given as `share`). */
const percent = (value: number) => `${Number(value.toFixed(2))}%`;
const shareText = (share: number) => percent(share * 100);
const multipleText = (multiple: number) => String(Number(multiple.toFixed(2)));

const cadenceLabels = {
  afterHigh: '高风险后',
  recentExit: '脱困未满监测期',
  active: '在档',
} as const;

const lineText = (line: LineUsed) =>
  line.effectiveFrom
    ? `${yuanFixed(line.monthlyFen)}（${line.effectiveFrom} 起执行）`
    : yuanFixed(line.monthlyFen);

function earnerText(earner: {
  relation: MemberRelation;
  previousEmployment?: Employment | undefined;
  reportedChanged: boolean;
}): string {
  const who = memberRelationLabels[earner.relation];
  const before = earner.previousEmployment
    ? `上次走访时为${employmentLabels[earner.previousEmployment]}`
    : '上次走访无记录';
  return `${who}现为失业（${before}${earner.reportedChanged ? '，走访人记录为新近变化' : ''}）`;
}

/** The evidence as sentences, first the one that says why the alert was raised. */
export function evidenceSentences(alert: EvidenceOf): string[] {
  switch (alert.rule) {
    case 'belowPovertyLine': {
      const e = alert.evidence;
      return [
        `${e.visit.visitedOn} 走访：人均月收入 ${yuanFixed(e.perCapitaMonthlyFen)}，低于低保标准 ${lineText(e.povertyLine)}`,
      ];
    }
    case 'belowRelativeLine': {
      const e = alert.evidence;
      return [
        `${e.visit.visitedOn} 走访：人均月收入 ${yuanFixed(e.perCapitaMonthlyFen)}，低于相对困难线 ${yuanFixed(e.relativeLineFen)}`,
        `相对困难线 = 低保标准 ${lineText(e.povertyLine)} × ${multipleText(e.relativeMultiple)}`,
      ];
    }
    case 'incomeDrop': {
      const e = alert.evidence;
      return [
        `人均月收入由 ${yuanFixed(e.previousPerCapitaMonthlyFen)}（${e.previousVisit.visitedOn} 走访）降至 ${yuanFixed(e.perCapitaMonthlyFen)}（${e.visit.visitedOn} 走访）`,
        `下降 ${percent(e.dropPercent)}，超过预警线 ${percent(e.thresholdPercent)}`,
      ];
    }
    case 'earnerUnemployed': {
      const e = alert.evidence;
      return [`${e.visit.visitedOn} 走访：${e.earners.map(earnerText).join('；')}`];
    }
    case 'medicalBurden': {
      const e = alert.evidence;
      const parts = [
        e.incidentCostFen > 0 ? `新发疾病或意外预计费用 ${yuanFixed(e.incidentCostFen)}` : null,
        e.medicalSpendingFen > 0 ? `大额医疗支出 ${yuanFixed(e.medicalSpendingFen)}` : null,
      ].filter((p): p is string => p !== null);
      return [
        `${e.visit.visitedOn} 走访：${parts.join('，')}，合计 ${yuanFixed(e.totalCostFen)}`,
        `家庭年收入 ${yuanFixed(e.annualIncomeFen)}，支出超过其 ${shareText(e.shareOfIncome)}（${yuanFixed(e.thresholdFen)}）`,
      ];
    }
    case 'visitOverdue': {
      const e = alert.evidence;
      const from = e.lastVisit ? `上次走访 ${e.lastVisit.visitedOn}` : `${e.countedFrom} 建档后尚未走访`;
      return [
        `${from}，按${cadenceLabels[e.cadence]}每 ${e.cadenceDays} 天走访一次，应于 ${e.dueOn} 前走访`,
        `已逾期 ${e.daysOverdue} 天`,
      ];
    }
    case 'monitoringWindowEnding': {
      const e = alert.evidence;
      const left = e.daysLeft > 0 ? `还有 ${e.daysLeft} 天` : '已届满';
      return [
        `${e.exitDate} 脱困，监测期 ${e.monitoringMonths} 个月，于 ${e.windowEndsOn} 届满（${left}）`,
        '请评估是否结束监测',
      ];
    }
    case 'exitReview': {
      const e = alert.evidence;
      return [
        `自 ${e.runFrom.visitedOn} 起连续 ${e.months} 个月以上人均月收入不低于低保标准，可评估脱困`,
        ...e.visits.map(
          (v) =>
            `${v.visitedOn} 走访：人均月收入 ${yuanFixed(v.perCapitaMonthlyFen)}（低保 ${yuanFixed(v.povertyLineFen)}）`,
        ),
      ];
    }
  }
}

/** 严重程度：高 (the badge's text), 待办 for review tasks. */
export const severityText = (severity: HardshipAlertSeverity) =>
  severity === 'task' ? hardshipAlertSeverityLabels.task : `${hardshipAlertSeverityLabels[severity]}风险`;

/** Whole days from `from` to `to` (Shanghai calendar dates). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 逾期 3 天 once past the due date, 今天到期, 明天到期, else 2026-12-01 到期. */
export function dueText(dueOn: string, today: string): string {
  if (dueOn < today) return `逾期 ${daysFrom(dueOn, today)} 天`;
  if (dueOn === today) return '今天到期';
  if (dueOn === addDays(today, 1)) return '明天到期';
  return `${dueOn} 到期`;
}

/** 办结方式 in one line: 已帮扶：送温暖、助学，¥2,000.00 · 重新建档：深度困难 · 转介：民政部门 … */
export function outcomeText(outcome: AlertOutcome): string {
  const label = alertOutcomeKindLabels[outcome.kind];
  switch (outcome.kind) {
    case 'noHelp':
      return `${label}：${outcome.note}`;
    case 'helped': {
      const measures = outcome.measures.map((m) => helpMeasureLabels[m]).join('、');
      return `${label}：${measures}${outcome.amountFen !== undefined ? `，${yuanFixed(outcome.amountFen)}` : ''}`;
    }
    case 'refiled':
      return `${label}：${hardshipCategoryLabels[outcome.category]}`;
    case 'referred':
      return `${label}：${outcome.referredTo}`;
  }
}
