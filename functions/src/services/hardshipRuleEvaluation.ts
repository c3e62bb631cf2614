import { type HardshipPolicy, shanghaiDate } from '@ankang/shared';
import {
  belowPovertyLine,
  belowRelativeLine,
  earnerUnemployed,
  exitReview,
  incomeDrop,
  medicalBurden,
  monitoringWindowEnding,
  visitOverdue,
} from './hardshipRuleChecks';
import type { LineUsed, RuleAlert, RuleContext, RuleFile, RuleVisit, SeenVisit } from './hardshipRuleTypes';

export type { LineUsed, RuleAlert, RuleFile, RuleVisit, VisitRef } from './hardshipRuleTypes';

/** The 低保 line in force on a date (YYYY-MM-DD), for the file's org; undefined when none is set. */
export type LineOn = (date: string) => LineUsed | undefined;

/** A `LineOn` over one org's dated lines (any order): the latest starting on or before the date. */
export function lineOnFromList(lines: readonly { effectiveFrom: string; monthlyFen: number }[]): LineOn {
  const sorted = [...lines].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return (date) => {
    const line = sorted.find((l) => l.effectiveFrom <= date);
    return line ? { monthlyFen: line.monthlyFen, effectiveFrom: line.effectiveFrom } : undefined;
  };
}

/** The line each stored visit was compared with when it was recorded (its date's line then). */
const storedLine = (visit: RuleVisit): LineUsed | undefined =>
  visit.povertyLineFen === undefined ? undefined : { monthlyFen: visit.povertyLineFen };

const byDateThenEntry = (a: RuleVisit, b: RuleVisit) =>
  a.visitedOn === b.visitedOn
    ? a.createdAt.localeCompare(b.createdAt)
    : a.visitedOn.localeCompare(b.visitedOn);

/**
 * The visits in effect, oldest first: a visit corrected by a later one is replaced by it. All the
 * corrections of one original (a chain, or several of the same visit) stand as one visit: the last
 * entered.
 */
export function visitsInEffect<V extends RuleVisit>(visits: readonly V[]): V[] {
  const byId = new Map(visits.map((v) => [v.id, v]));
  const originalOf = (visit: V): string => {
    let current: RuleVisit = visit;
    for (let step = 0; current.corrects !== undefined && step <= visits.length; step += 1) {
      const corrected = byId.get(current.corrects);
      if (!corrected) return current.corrects;
      current = corrected;
    }
    return current.id;
  };
  const latest = new Map<string, V>();
  for (const visit of visits) {
    const key = originalOf(visit);
    const held = latest.get(key);
    if (!held || held.createdAt <= visit.createdAt) latest.set(key, visit);
  }
  return [...latest.values()].sort(byDateThenEntry);
}

/**
 * The alerts a household's file and visits would raise today under a policy, each with its
 * evidence. Pure: no I/O and no clock (`now` is given). Risk rules read the latest visit in effect
 * (and the one before it); each visit is compared with the 低保 line in force on its own date —
 * `lineOn` when given, else the line stored on the visit. A closed file (监测结束) raises nothing.
 */
export function evaluateRules(
  file: RuleFile,
  visits: readonly RuleVisit[],
  policy: HardshipPolicy,
  now: Date,
  lineOn?: LineOn,
): RuleAlert[] {
  if (file.status === 'closed') return [];
  const history: SeenVisit[] = visitsInEffect(visits).map((visit) => ({
    ...visit,
    line: lineOn ? lineOn(visit.visitedOn) : storedLine(visit),
  }));
  const context: RuleContext = { file, history, policy, today: shanghaiDate(now) };
  const risks = [belowPovertyLine, belowRelativeLine, incomeDrop, earnerUnemployed, medicalBurden]
    .map((check) => check(context))
    .filter((alert) => alert !== null);
  const highRaised = risks.some((alert) => alert.severity === 'high');
  const createdOn = shanghaiDate(new Date(file.createdAt));
  const tasks = [
    visitOverdue(context, highRaised, createdOn),
    monitoringWindowEnding(context),
    exitReview(context),
  ].filter((alert) => alert !== null);
  return [...risks, ...tasks];
}
