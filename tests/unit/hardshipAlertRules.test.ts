import { defaultHardshipPolicy } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import {
  alertDueOn,
  basisOf,
  type CheckContext,
  evidenceKey,
  nextCheckOn,
  settleDecision,
} from '../../functions/src/services/hardshipAlertRules';
import type { RuleAlert } from '../../functions/src/services/hardshipRuleTypes';

const V1 = { visitId: 'hv_00000000000000000000000000000001', visitedOn: '2026-11-20' };
const V0 = { visitId: 'hv_00000000000000000000000000000000', visitedOn: '2026-08-20' };
const line = { monthlyFen: 114_000, effectiveFrom: '2026-01-01' };

/** One result of every rule, with figures as the rules would give them. */
const results = {
  belowPovertyLine: {
    rule: 'belowPovertyLine',
    severity: 'high',
    evidence: { visit: V1, perCapitaMonthlyFen: 82_000, povertyLine: line },
  },
  belowRelativeLine: {
    rule: 'belowRelativeLine',
    severity: 'medium',
    evidence: {
      visit: V1,
      perCapitaMonthlyFen: 150_000,
      povertyLine: line,
      relativeMultiple: 2,
      relativeLineFen: 228_000,
    },
  },
  incomeDrop: {
    rule: 'incomeDrop',
    severity: 'medium',
    evidence: {
      visit: V1,
      previousVisit: V0,
      perCapitaMonthlyFen: 100_000,
      previousPerCapitaMonthlyFen: 200_000,
      dropPercent: 50,
      thresholdPercent: 30,
    },
  },
  earnerUnemployed: {
    rule: 'earnerUnemployed',
    severity: 'medium',
    evidence: {
      visit: V1,
      previousVisit: V0,
      earners: [{ relation: 'self', previousEmployment: 'employed', reportedChanged: true }],
    },
  },
  medicalBurden: {
    rule: 'medicalBurden',
    severity: 'high',
    evidence: {
      visit: V1,
      incidentCostFen: 3_000_000,
      medicalSpendingFen: 0,
      totalCostFen: 3_000_000,
      annualIncomeFen: 2_400_000,
      shareOfIncome: 0.8,
      thresholdFen: 1_920_000,
    },
  },
  visitOverdue: {
    rule: 'visitOverdue',
    severity: 'low',
    evidence: {
      lastVisit: V0,
      countedFrom: '2026-08-20',
      cadence: 'active',
      cadenceDays: 90,
      dueOn: '2026-11-18',
      daysOverdue: 2,
    },
  },
  monitoringWindowEnding: {
    rule: 'monitoringWindowEnding',
    severity: 'task',
    dueDays: 20,
    evidence: { exitDate: '2025-12-10', monitoringMonths: 12, windowEndsOn: '2026-12-10', daysLeft: 20 },
  },
  exitReview: {
    rule: 'exitReview',
    severity: 'task',
    evidence: {
      months: 6,
      runFrom: V0,
      latestVisit: V1,
      visits: [
        { ...V0, perCapitaMonthlyFen: 150_000, povertyLineFen: 114_000 },
        { ...V1, perCapitaMonthlyFen: 160_000, povertyLineFen: 114_000 },
      ],
    },
  },
} satisfies Record<RuleAlert['rule'], RuleAlert>;

describe('basisOf', () => {
  it.each([
    ['belowPovertyLine', V1.visitId],
    ['belowRelativeLine', V1.visitId],
    ['incomeDrop', `${V1.visitId}:${V0.visitId}`],
    ['earnerUnemployed', V1.visitId],
    ['medicalBurden', V1.visitId],
    ['visitOverdue', 'due:2026-11-18'],
    ['monitoringWindowEnding', 'window:2026-12-10'],
    ['exitReview', V1.visitId],
  ] as const)('%s → %s', (rule, basis) => {
    expect(basisOf(results[rule])).toBe(basis);
  });

  it('names the due date, not the day count, for an overdue visit: the next day is the same basis', () => {
    const tomorrow = {
      ...results.visitOverdue,
      evidence: { ...results.visitOverdue.evidence, daysOverdue: 3 },
    };
    expect(basisOf(tomorrow)).toBe(basisOf(results.visitOverdue));
  });
});

describe('evidenceKey', () => {
  it('ignores the day counts that move every day and the order of fields', () => {
    const later: RuleAlert = {
      rule: 'monitoringWindowEnding',
      severity: 'task',
      dueDays: 5,
      evidence: { daysLeft: 5, windowEndsOn: '2026-12-10', monitoringMonths: 12, exitDate: '2025-12-10' },
    };
    expect(evidenceKey(later)).toBe(evidenceKey(results.monitoringWindowEnding));
    const overdueLater = {
      ...results.visitOverdue,
      evidence: { ...results.visitOverdue.evidence, daysOverdue: 40 },
    };
    expect(evidenceKey(overdueLater)).toBe(evidenceKey(results.visitOverdue));
  });

  it('changes with any figure, threshold or visit behind the alert', () => {
    const base = evidenceKey(results.incomeDrop);
    const changes: RuleAlert[] = [
      { ...results.incomeDrop, evidence: { ...results.incomeDrop.evidence, perCapitaMonthlyFen: 99_999 } },
      { ...results.incomeDrop, evidence: { ...results.incomeDrop.evidence, thresholdPercent: 25 } },
      { ...results.incomeDrop, evidence: { ...results.incomeDrop.evidence, previousVisit: V1 } },
    ];
    for (const changed of changes) expect(evidenceKey(changed)).not.toBe(base);
    const nested = {
      ...results.earnerUnemployed,
      evidence: {
        ...results.earnerUnemployed.evidence,
        earners: [
          { relation: 'spouse' as const, previousEmployment: 'employed' as const, reportedChanged: true },
        ],
      },
    };
    expect(evidenceKey(nested)).not.toBe(evidenceKey(results.earnerUnemployed));
  });

  it('tells one rule from another with the same evidence', () => {
    const { evidence } = results.belowPovertyLine;
    expect(evidenceKey({ rule: 'belowPovertyLine', evidence })).not.toBe(
      evidenceKey({ rule: 'belowRelativeLine', evidence }),
    );
  });
});

describe('alertDueOn', () => {
  it.each([
    ['belowPovertyLine', '2026-11-27', '2026-11-30'],
    ['medicalBurden', '2026-12-30', '2027-01-02'],
    ['belowRelativeLine', '2026-11-27', '2026-12-04'],
    ['incomeDrop', '2028-02-25', '2028-03-03'],
    ['earnerUnemployed', '2027-02-25', '2027-03-04'],
    ['visitOverdue', '2026-11-27', '2026-12-11'],
    ['exitReview', '2026-12-20', '2027-01-03'],
  ] as const)('%s raised on %s is due on %s', (rule, raisedOn, dueOn) => {
    expect(alertDueOn(results[rule], raisedOn)).toBe(dueOn);
  });

  it('gives the window-ending task the window’s end, but at least 3 days', () => {
    // Ends 2026-12-10: raised 20 days before, due on the end.
    expect(alertDueOn(results.monitoringWindowEnding, '2026-11-20')).toBe('2026-12-10');
    // Raised 2 days before the end, or after it: 3 days from raising.
    expect(alertDueOn(results.monitoringWindowEnding, '2026-12-08')).toBe('2026-12-11');
    expect(alertDueOn(results.monitoringWindowEnding, '2026-12-07')).toBe('2026-12-10');
    expect(alertDueOn(results.monitoringWindowEnding, '2026-12-31')).toBe('2027-01-03');
  });
});

describe('settleDecision', () => {
  const alert = results.belowPovertyLine;
  it('raises a new basis, leaves a resolved one, updates an open alert only when its evidence changed', () => {
    expect(settleDecision(alert, null, null)).toBe('raise');
    expect(settleDecision(alert, { resolvedBases: ['hv_other'] }, null)).toBe('raise');
    expect(settleDecision(alert, { resolvedBases: [V1.visitId] }, null)).toBe('unchanged');
    expect(settleDecision(alert, { resolvedBases: [] }, { rule: alert.rule, evidence: alert.evidence })).toBe(
      'unchanged',
    );
    const older = {
      rule: alert.rule,
      evidence: { ...alert.evidence, visit: V0, perCapitaMonthlyFen: 90_000 },
    };
    expect(settleDecision(alert, { resolvedBases: [] }, older)).toBe('update');
    // An open alert is updated even when the new basis was resolved once: never a second alert.
    expect(settleDecision(alert, { resolvedBases: [V1.visitId] }, older)).toBe('update');
  });
});

describe('nextCheckOn', () => {
  const context = (over: Partial<CheckContext>): CheckContext => ({
    today: '2026-11-20',
    policy: defaultHardshipPolicy,
    createdOn: '2026-06-01',
    windowEndsOn: null,
    highRaised: false,
    ...over,
  });

  it.each<[string, Partial<CheckContext>, string]>([
    ['no visit yet, filed today: 90 days away, so in 30', { createdOn: '2026-11-20' }, '2026-12-20'],
    [
      'an ordinary visit: due in 90 days, so in 30',
      { lastVisit: { visitedOn: '2026-11-01', risk: 'low' } },
      '2026-12-20',
    ],
    [
      'a high-risk visit: the day after its 30 days run out',
      { lastVisit: { visitedOn: '2026-11-01', risk: 'high' } },
      '2026-12-02',
    ],
    [
      'a high alert raised: the short cadence too',
      { lastVisit: { visitedOn: '2026-11-01', risk: 'low' }, highRaised: true },
      '2026-12-02',
    ],
    [
      'already overdue: nothing changes on its own, so in 30',
      { lastVisit: { visitedOn: '2026-01-01', risk: 'high' } },
      '2026-12-20',
    ],
    [
      'an exited household: the day the window’s notice period starts',
      { lastVisit: { visitedOn: '2026-11-01', risk: 'low' }, windowEndsOn: '2027-01-10' },
      '2026-12-11',
    ],
    [
      'inside the notice period: the window’s end (the cadence changes then)',
      {
        today: '2026-12-15',
        lastVisit: { visitedOn: '2026-11-01', risk: 'low' },
        windowEndsOn: '2027-01-10',
      },
      '2027-01-10',
    ],
    [
      'a short recent-exit cadence comes first',
      {
        policy: { ...defaultHardshipPolicy, cadenceRecentExitDays: 20, cadenceAfterHighDays: 10 },
        lastVisit: { visitedOn: '2026-11-01', risk: 'low' },
        windowEndsOn: '2027-06-01',
      },
      '2026-11-22',
    ],
  ])('%s', (_name, over, expected) => {
    expect(nextCheckOn(context(over))).toBe(expected);
  });

  it('is always after today and at most 30 days ahead', () => {
    for (const visitedOn of ['2026-11-20', '2026-10-21', '2026-10-20', '2025-01-01']) {
      for (const risk of ['low', 'high']) {
        const next = nextCheckOn(context({ lastVisit: { visitedOn, risk } }));
        expect(next > '2026-11-20' && next <= '2026-12-20').toBe(true);
      }
    }
  });
});
