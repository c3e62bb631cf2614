import { defaultHardshipPolicy, type Employment, type MemberRelation } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleDecision } from '../../functions/src/services/hardshipAlertRules';
import {
  evaluateRules,
  type RuleFile,
  type RuleVisit,
} from '../../functions/src/services/hardshipRuleEvaluation';

/**
 * Raising is monotone in the risk figures: a household whose latest visit is made worse — less
 * income, more medical cost, an earner out of work — keeps every risk alert the better figures
 * raised (below 2 × 低保 may become below 低保 itself, the stronger alert). Checked twice: the
 * evaluator against an oracle written here from the thresholds, and the raise decision of
 * a household whose earlier alerts were all resolved (the worse visit is a new basis: it raises).
 */

const LINE = 114_000;
const policy = defaultHardshipPolicy;
const TODAY = '2026-11-20';
const now = new Date(`${TODAY}T12:00:00+08:00`);
const file: RuleFile = { id: 'hf_test', status: 'active', createdAt: '2025-01-01T02:00:00.000Z' };

const RISKS = ['belowPovertyLine', 'belowRelativeLine', 'incomeDrop', 'earnerUnemployed', 'medicalBurden'];

interface Figures {
  annualIncomeFen: number;
  annualFixedSpendingFen: number;
  householdSize: number;
  medicalFen: number;
  incident: { kind: 'illness' | 'accident' | 'disaster'; costFen: number } | null;
  earners: { relation: MemberRelation; employment: Employment; changed: boolean }[];
}

/** Per-capita monthly income in fen, as the issue defines it: (income − fixed spending) ÷ 12 ÷ people. */
const perCapita = (f: Figures) =>
  Math.round((f.annualIncomeFen - f.annualFixedSpendingFen) / 12 / f.householdSize);

function visitOf(id: string, visitedOn: string, f: Figures, corrects?: string): RuleVisit {
  return {
    id,
    visitedOn,
    createdAt: `${visitedOn}T0${corrects ? 5 : 3}:00:00.000Z`,
    perCapitaMonthlyFen: perCapita(f),
    annualIncomeFen: f.annualIncomeFen,
    earners: f.earners.map((e) => ({
      relation: e.relation,
      employment: e.employment,
      changedSinceLastVisit: e.changed,
    })),
    ...(f.incident
      ? {
          illnessOrAccident: {
            kind: f.incident.kind,
            description: '说明',
            expectedCostFen: f.incident.costFen,
          },
        }
      : {}),
    largeSpending: f.medicalFen > 0 ? [{ kind: 'medical', amountFen: f.medicalFen }] : [],
    risk: 'low',
    povertyLineFen: LINE,
    ...(corrects ? { corrects } : {}),
  };
}

/** The risks the thresholds give for a latest visit and the one before it. */
function oracle(latest: Figures, previous: Figures | null): Set<string> {
  const found = new Set<string>();
  const pc = perCapita(latest);
  if (pc < LINE) found.add('belowPovertyLine');
  else if (pc < 2 * LINE) found.add('belowRelativeLine');
  if (previous) {
    const before = perCapita(previous);
    // A fall of more than 30%: (before − pc) / before > 0.3, in whole numbers.
    if (before > 0 && (before - pc) * 10 > before * 3) found.add('incomeDrop');
  }
  const outOfWork = (f: Figures, relation: MemberRelation) =>
    f.earners.filter((e) => e.relation === relation && e.employment === 'unemployed').length;
  if (
    latest.earners.some(
      (e) =>
        e.employment === 'unemployed' &&
        (e.changed || (previous !== null && outOfWork(latest, e.relation) > outOfWork(previous, e.relation))),
    )
  ) {
    found.add('earnerUnemployed');
  }
  const medical =
    latest.medicalFen +
    (latest.incident && latest.incident.kind !== 'disaster' ? latest.incident.costFen : 0);
  // More than 80% of the year's household income.
  if (medical * 10 > latest.annualIncomeFen * 8) found.add('medicalBurden');
  return found;
}

const relationArb = fc.constantFrom<MemberRelation>('self', 'spouse', 'child', 'parent');
const employmentArb = fc.constantFrom<Employment>('employed', 'flexible', 'unemployed', 'farming', 'unable');
const figuresArb: fc.Arbitrary<Figures> = fc.record({
  annualIncomeFen: fc.integer({ min: 0, max: 20_000_000 }),
  annualFixedSpendingFen: fc.integer({ min: 0, max: 3_000_000 }),
  householdSize: fc.integer({ min: 1, max: 8 }),
  medicalFen: fc.integer({ min: 0, max: 10_000_000 }),
  incident: fc.option(
    fc.record({
      kind: fc.constantFrom<'illness' | 'accident' | 'disaster'>('illness', 'accident', 'disaster'),
      costFen: fc.integer({ min: 0, max: 10_000_000 }),
    }),
  ),
  earners: fc.array(fc.record({ relation: relationArb, employment: employmentArb, changed: fc.boolean() }), {
    maxLength: 4,
  }),
});

/** A worse household: less income, more medical cost, and perhaps one more earner newly out of work. */
const worseningArb = fc.record({
  lessIncomeFen: fc.integer({ min: 0, max: 10_000_000 }),
  moreMedicalFen: fc.integer({ min: 0, max: 5_000_000 }),
  unemploy: fc.option(fc.nat({ max: 3 })),
});

function worsen(
  f: Figures,
  w: { lessIncomeFen: number; moreMedicalFen: number; unemploy: number | null },
): Figures {
  const earners = f.earners.map((e, i) =>
    w.unemploy === i ? { ...e, employment: 'unemployed' as const, changed: true } : e,
  );
  return {
    ...f,
    annualIncomeFen: Math.max(0, f.annualIncomeFen - w.lessIncomeFen),
    medicalFen: f.medicalFen + w.moreMedicalFen,
    earners,
  };
}

const risksOf = (visits: RuleVisit[]) =>
  evaluateRules(file, visits, policy, now).filter((alert) => RISKS.includes(alert.rule));

/** Every risk of `before` is in `after`, or was below 2 × 低保 and is now below 低保. */
function keeps(before: Iterable<string>, after: Set<string>): boolean {
  return [...before].every(
    (rule) => after.has(rule) || (rule === 'belowRelativeLine' && after.has('belowPovertyLine')),
  );
}

describe('Property: raising is monotone in the risk figures', () => {
  it('a worse latest visit keeps every risk the evaluator (and the oracle) found', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.option(figuresArb), figuresArb, worseningArb, (previous, latest, worsening) => {
        const worse = worsen(latest, worsening);
        const earlier = previous ? [visitOf('hv_prev', '2026-08-01', previous)] : [];
        const before = risksOf([...earlier, visitOf('hv_a', '2026-11-01', latest)]);
        // The worse figures as a correction of the same visit: the visit before stays the comparison.
        const after = risksOf([
          ...earlier,
          visitOf('hv_a', '2026-11-01', latest),
          visitOf('hv_b', '2026-11-01', worse, 'hv_a'),
        ]);
        const beforeRules = new Set(before.map((a) => a.rule));
        const afterRules = new Set(after.map((a) => a.rule));
        expect(beforeRules).toStrictEqual(oracle(latest, previous));
        expect(afterRules).toStrictEqual(oracle(worse, previous));
        expect(keeps(beforeRules, afterRules)).toBe(true);
        for (const rule of beforeRules) seen.set(rule, (seen.get(rule) ?? 0) + 1);
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: every risk rule was raised before the worsening in a good share of the runs.
    for (const rule of RISKS) expect(seen.get(rule) ?? 0, rule).toBeGreaterThan(50);
  });

  it('after every earlier alert was resolved, the worse visit raises each risk again', () => {
    fc.assert(
      fc.property(fc.option(figuresArb), figuresArb, worseningArb, (previous, latest, worsening) => {
        const earlier = previous ? [visitOf('hv_prev', '2026-08-01', previous)] : [];
        const first = risksOf([...earlier, visitOf('hv_a', '2026-11-01', latest)]);
        // Raised on fresh slots, then resolved: each rule's slot remembers its basis, written here
        // from the issue (the visit behind it; a drop also names the visit it is compared with).
        expect(first.every((alert) => settleDecision(alert, null, null) === 'raise')).toBe(true);
        const basis = (rule: string) => (rule === 'incomeDrop' ? 'hv_a:hv_prev' : 'hv_a');
        const resolved = new Map(first.map((alert) => [alert.rule, [basis(alert.rule)]]));

        const second = risksOf([
          ...earlier,
          visitOf('hv_a', '2026-11-01', latest),
          visitOf('hv_b', '2026-11-01', worsen(latest, worsening), 'hv_a'),
        ]);
        const raised = new Set(
          second
            .filter(
              (alert) =>
                settleDecision(alert, { resolvedBases: resolved.get(alert.rule) ?? [] }, null) === 'raise',
            )
            .map((alert) => alert.rule),
        );
        expect(keeps(resolved.keys(), raised)).toBe(true);
        // Nothing about the same visit is raised twice: a review of the first facts raises nothing.
        const again = first.filter(
          (alert) =>
            settleDecision(alert, { resolvedBases: resolved.get(alert.rule) ?? [] }, null) === 'raise',
        );
        expect(again).toStrictEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
