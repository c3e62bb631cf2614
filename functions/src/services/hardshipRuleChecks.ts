import { daysBetweenDates, type MemberRelation, shiftDateByDays, shiftDateByMonths } from '@ankang/shared';
import type { RuleAlert, RuleContext, RuleVisit, SeenVisit, VisitRef } from './hardshipRuleTypes';

/**
 * One pure check per monitoring rule. Each reads a file's visits in effect (corrections applied,
 * oldest first, each with the 低保 line in force on its date) and answers the alert it would raise,
 * with the figures, thresholds and visits behind it, or null.
 */

export const refOf = (visit: RuleVisit): VisitRef => ({ visitId: visit.id, visitedOn: visit.visitedOn });

/** Fractions with two decimals (2, 0.8) as whole hundredths, so comparisons of fen stay exact. */
const hundredths = (x: number) => Math.round(x * 100);

const isBelowLine = (visit: SeenVisit) =>
  visit.line !== undefined && visit.perCapitaMonthlyFen < visit.line.monthlyFen;

/** 人均收入低于低保: strictly below the line in force on the latest visit's date. */
export function belowPovertyLine({ history }: RuleContext): RuleAlert | null {
  const visit = history.at(-1);
  if (!visit?.line || !isBelowLine(visit)) return null;
  return {
    rule: 'belowPovertyLine',
    severity: 'high',
    evidence: {
      visit: refOf(visit),
      perCapitaMonthlyFen: visit.perCapitaMonthlyFen,
      povertyLine: visit.line,
    },
  };
}

/** Below `relativeMultiple` × 低保 but not below 低保 itself (that one is the high alert). */
export function belowRelativeLine({ history, policy }: RuleContext): RuleAlert | null {
  const visit = history.at(-1);
  if (!visit?.line || isBelowLine(visit)) return null;
  const multiple = hundredths(policy.relativeMultiple);
  if (visit.perCapitaMonthlyFen * 100 >= visit.line.monthlyFen * multiple) return null;
  return {
    rule: 'belowRelativeLine',
    severity: 'medium',
    evidence: {
      visit: refOf(visit),
      perCapitaMonthlyFen: visit.perCapitaMonthlyFen,
      povertyLine: visit.line,
      relativeMultiple: policy.relativeMultiple,
      relativeLineFen: (visit.line.monthlyFen * multiple) / 100,
    },
  };
}

/** A per-capita fall of more than `incomeDropPercent` since the previous visit (from a positive figure). */
export function incomeDrop({ history, policy }: RuleContext): RuleAlert | null {
  const visit = history.at(-1);
  const previous = history.at(-2);
  if (!visit || !previous || previous.perCapitaMonthlyFen <= 0) return null;
  const fall = previous.perCapitaMonthlyFen - visit.perCapitaMonthlyFen;
  if (fall * 100 <= policy.incomeDropPercent * previous.perCapitaMonthlyFen) return null;
  return {
    rule: 'incomeDrop',
    severity: 'medium',
    evidence: {
      visit: refOf(visit),
      previousVisit: refOf(previous),
      perCapitaMonthlyFen: visit.perCapitaMonthlyFen,
      previousPerCapitaMonthlyFen: previous.perCapitaMonthlyFen,
      dropPercent: Math.floor((fall * 10_000) / previous.perCapitaMonthlyFen) / 100,
      thresholdPercent: policy.incomeDropPercent,
    },
  };
}

const unemployedCount = (visit: RuleVisit, relation: MemberRelation) =>
  visit.earners.filter((e) => e.relation === relation && e.employment === 'unemployed').length;

/**
 * A main earner newly out of work: reported as changed since the last visit, or more earners of
 * that relation unemployed than at the previous visit (visits record earners by relation, not name).
 */
export function earnerUnemployed({ history }: RuleContext): RuleAlert | null {
  const visit = history.at(-1);
  if (!visit) return null;
  const previous = history.at(-2);
  const newly = visit.earners.filter(
    (e) =>
      e.employment === 'unemployed' &&
      (e.changedSinceLastVisit ||
        (previous !== undefined &&
          unemployedCount(visit, e.relation) > unemployedCount(previous, e.relation))),
  );
  if (newly.length === 0) return null;
  return {
    rule: 'earnerUnemployed',
    severity: 'medium',
    evidence: {
      visit: refOf(visit),
      ...(previous ? { previousVisit: refOf(previous) } : {}),
      earners: newly.map((e) => {
        const before = previous?.earners.find((p) => p.relation === e.relation)?.employment;
        return {
          relation: e.relation,
          ...(before ? { previousEmployment: before } : {}),
          reportedChanged: e.changedSinceLastVisit,
        };
      }),
    },
  };
}

/**
 * 意外致困: the expected cost of an illness or accident plus medical large spending above
 * `medicalShareOfIncome` of the year's household income (any cost, when there is no income).
 * A disaster's cost is not medical and does not count.
 */
export function medicalBurden({ history, policy }: RuleContext): RuleAlert | null {
  const visit = history.at(-1);
  if (!visit) return null;
  const incident = visit.illnessOrAccident;
  const incidentCostFen = incident && incident.kind !== 'disaster' ? incident.expectedCostFen : 0;
  const medicalSpendingFen = visit.largeSpending
    .filter((s) => s.kind === 'medical')
    .reduce((sum, s) => sum + s.amountFen, 0);
  const totalCostFen = incidentCostFen + medicalSpendingFen;
  const share = hundredths(policy.medicalShareOfIncome);
  if (totalCostFen * 100 <= visit.annualIncomeFen * share) return null;
  return {
    rule: 'medicalBurden',
    severity: 'high',
    evidence: {
      visit: refOf(visit),
      incidentCostFen,
      medicalSpendingFen,
      totalCostFen,
      annualIncomeFen: visit.annualIncomeFen,
      shareOfIncome: policy.medicalShareOfIncome,
      thresholdFen: (visit.annualIncomeFen * share) / 100,
    },
  };
}

/** The date an exited household's monitoring window ends, or null when it is not exited. */
export function windowEnd({ file, policy }: RuleContext): string | null {
  if (file.status !== 'exited' || file.exitDate === undefined) return null;
  return shiftDateByMonths(file.exitDate, policy.monitoringMonths);
}

/**
 * No visit within the cadence of the household's status: the short one after a high-risk visit
 * or a high alert, the recent-exit one inside the monitoring window, else the ordinary one. Due on
 * the last visit's date (or the file's creation date) plus the cadence; overdue from the day after.
 */
export function visitOverdue(context: RuleContext, highRaised: boolean, createdOn: string): RuleAlert | null {
  const { history, policy, today } = context;
  const last = history.at(-1);
  const end = windowEnd(context);
  const cadence =
    last?.risk === 'high' || highRaised ? 'afterHigh' : end !== null && today < end ? 'recentExit' : 'active';
  const cadenceDays = {
    afterHigh: policy.cadenceAfterHighDays,
    recentExit: policy.cadenceRecentExitDays,
    active: policy.cadenceActiveDays,
  }[cadence];
  const countedFrom = last?.visitedOn ?? createdOn;
  const dueOn = shiftDateByDays(countedFrom, cadenceDays);
  const daysOverdue = daysBetweenDates(dueOn, today);
  if (daysOverdue <= 0) return null;
  return {
    rule: 'visitOverdue',
    severity: 'low',
    evidence: {
      ...(last ? { lastVisit: refOf(last) } : {}),
      countedFrom,
      cadence,
      cadenceDays,
      dueOn,
      daysOverdue,
    },
  };
}

/** An exited household whose monitoring window ends within the notice period, or has ended. */
export function monitoringWindowEnding(context: RuleContext): RuleAlert | null {
  const end = windowEnd(context);
  const { file, policy, today } = context;
  if (end === null || file.exitDate === undefined) return null;
  const daysLeft = daysBetweenDates(today, end);
  if (daysLeft > policy.windowEndingNoticeDays) return null;
  return {
    rule: 'monitoringWindowEnding',
    severity: 'task',
    dueDays: Math.max(0, daysLeft),
    evidence: {
      exitDate: file.exitDate,
      monitoringMonths: policy.monitoringMonths,
      windowEndsOn: end,
      daysLeft,
    },
  };
}

/**
 * A filed household not below 低保 at every visit of an unbroken run reaching the latest visit,
 * the run's first visit at least `exitReviewMonths` before the latest: put up for a 脱困 review.
 * A visit below the line, or with no line known, breaks the run.
 */
export function exitReview({ file, history, policy }: RuleContext): RuleAlert | null {
  if (file.status !== 'active') return null;
  const notBelow = (visit: SeenVisit) => visit.line !== undefined && !isBelowLine(visit);
  let start = history.length;
  while (start > 0 && notBelow(history[start - 1]!)) start -= 1;
  const run = history.slice(start);
  const first = run[0];
  const latest = run.at(-1);
  if (!first || !latest) return null;
  if (shiftDateByMonths(first.visitedOn, policy.exitReviewMonths) > latest.visitedOn) return null;
  return {
    rule: 'exitReview',
    severity: 'task',
    evidence: {
      months: policy.exitReviewMonths,
      runFrom: refOf(first),
      latestVisit: refOf(latest),
      visits: run.map((v) => ({
        ...refOf(v),
        perCapitaMonthlyFen: v.perCapitaMonthlyFen,
        povertyLineFen: v.line?.monthlyFen ?? 0,
      })),
    },
  };
}
