import {
  type HardshipAlertSeverity,
  type HardshipPolicy,
  type HardshipRule,
  shiftDateByDays,
} from '@ankang/shared';
import type { RuleAlert } from './hardshipRuleTypes';

/**
 * Pure rules about raised alerts: what caused one (its basis), when its evidence changed, when it
 * falls due, and when a household's time-based rules may next answer differently.
 */

/**
 * What caused an alert: the same basis never raises twice, a new one (a new visit, a new due date)
 * may. Visit-based rules → the visit (incomeDrop: the visit and the one it is compared with;
 * exitReview: the latest visit of the run); visitOverdue → `due:<dueOn>`; monitoringWindowEnding
 * → `window:<windowEndsOn>`.
 */
export function basisOf(alert: RuleAlert): string {
  switch (alert.rule) {
    case 'belowPovertyLine':
    case 'belowRelativeLine':
    case 'earnerUnemployed':
    case 'medicalBurden':
      return alert.evidence.visit.visitId;
    case 'incomeDrop':
      return `${alert.evidence.visit.visitId}:${alert.evidence.previousVisit.visitId}`;
    case 'exitReview':
      return alert.evidence.latestVisit.visitId;
    case 'visitOverdue':
      return `due:${alert.evidence.dueOn}`;
    case 'monitoringWindowEnding':
      return `window:${alert.evidence.windowEndsOn}`;
  }
}

/** What a review does with one rule's result. */
export type SettleDecision = 'raise' | 'update' | 'unchanged';

/**
 * One rule's result against the household's slot for that rule and its open alert: an open alert
 * is updated when the evidence changed (never a second alert); with none open, a basis resolved
 * before is left alone and anything else raises.
 */
export function settleDecision(
  result: RuleAlert,
  slot: { resolvedBases: readonly string[] } | null,
  open: { rule: HardshipRule; evidence: unknown } | null,
): SettleDecision {
  if (open) return evidenceKey(open) === evidenceKey(result) ? 'unchanged' : 'update';
  if (slot?.resolvedBases.includes(basisOf(result))) return 'unchanged';
  return 'raise';
}

/** Counts of days that move every day without anything having happened: not a change of evidence. */
const VOLATILE = new Set(['daysOverdue', 'daysLeft', 'dueDays']);

/** JSON with keys sorted at every level and the volatile day counts left out. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => !VOLATILE.has(key) && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The evidence of an alert as a comparable key: an open alert is updated only when this changes,
 * so a daily re-run over the same facts writes nothing.
 */
export function evidenceKey(alert: { rule: HardshipRule; evidence: unknown }): string {
  return `${alert.rule}|${canonical(alert.evidence)}`;
}

/** Days to act on a risk, by severity. */
export const DAYS_TO_ACT: Record<Exclude<HardshipAlertSeverity, 'task'>, number> = {
  high: 3,
  medium: 7,
  low: 14,
};
/** Days to carry out a review task (脱困评估), and at least this long before a window's end review. */
export const TASK_DAYS = 14;
const WINDOW_TASK_MIN_DAYS = 3;

/** The days an alert of this kind gives (also after an escalation, from the day of escalating). */
export function daysToAct(alert: Pick<RuleAlert, 'severity'>): number {
  return alert.severity === 'task' ? TASK_DAYS : DAYS_TO_ACT[alert.severity];
}

/**
 * When an alert raised on `raisedOn` falls due: high +3, medium +7, low +14 days; the 监测期届满
 * task on the window's end, but never sooner than 3 days after raising; the 脱困 review +14.
 */
export function alertDueOn(alert: RuleAlert, raisedOn: string): string {
  if (alert.rule === 'monitoringWindowEnding') {
    const earliest = shiftDateByDays(raisedOn, WINDOW_TASK_MIN_DAYS);
    // The later of the two dates (ISO dates sort as text).
    return [alert.evidence.windowEndsOn, earliest].sort()[1]!;
  }
  return shiftDateByDays(raisedOn, daysToAct(alert));
}

/** Days after today within which a household is always looked at again (policy and 低保 changes). */
export const MAX_CHECK_DAYS = 30;

/** What nextCheckOn needs to know about a household after its evaluation. */
export interface CheckContext {
  today: string;
  policy: Pick<
    HardshipPolicy,
    'cadenceActiveDays' | 'cadenceRecentExitDays' | 'cadenceAfterHighDays' | 'windowEndingNoticeDays'
  >;
  /** The latest visit in effect (its date and the visitor's risk judgement), if any. */
  lastVisit?: { visitedOn: string; risk: string } | undefined;
  /** The file's creation date (Shanghai): the cadence counts from it until a first visit. */
  createdOn: string;
  /** The end of the monitoring window of an exited household, else null. */
  windowEndsOn: string | null;
  /** The evaluation raised a high alert (the short cadence applies). */
  highRaised: boolean;
}

/**
 * The next day after today on which a time-based rule's answer may change, at most 30 days ahead:
 * the day the visit cadence runs out (its due date + 1), the day the monitoring window's notice
 * period starts, and the window's end (the cadence of a recently exited household changes then).
 * Early is harmless (a review that finds nothing new writes nothing); late would miss an alert.
 */
export function nextCheckOn(context: CheckContext): string {
  const { today, policy, lastVisit, createdOn, windowEndsOn, highRaised } = context;
  const inWindow = windowEndsOn !== null && today < windowEndsOn;
  const cadenceDays =
    lastVisit?.risk === 'high' || highRaised
      ? policy.cadenceAfterHighDays
      : inWindow
        ? policy.cadenceRecentExitDays
        : policy.cadenceActiveDays;
  const candidates = [
    shiftDateByDays(lastVisit?.visitedOn ?? createdOn, cadenceDays + 1),
    shiftDateByDays(today, MAX_CHECK_DAYS),
  ];
  if (windowEndsOn !== null) {
    candidates.push(shiftDateByDays(windowEndsOn, -policy.windowEndingNoticeDays), windowEndsOn);
  }
  const future = candidates.filter((date) => date > today).sort();
  return future[0] ?? shiftDateByDays(today, MAX_CHECK_DAYS);
}
