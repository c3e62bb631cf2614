import {
  defaultHardshipPolicy,
  type HardshipPolicy,
  hardshipPolicySchema,
  shiftDateByMonths,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateRules,
  type LineOn,
  lineOnFromList,
  type RuleAlert,
  type RuleFile,
  type RuleVisit,
} from '../../functions/src/services/hardshipRuleEvaluation';

// Figures in fen. The 低保 line is ¥1,000 a month unless a test says otherwise.
const LINE = 100_000;
const lines: LineOn = lineOnFromList([{ effectiveFrom: '2020-01-01', monthlyFen: LINE }]);
const policy: HardshipPolicy = structuredClone(defaultHardshipPolicy);

const vid = (n: number) => `hv_${n.toString(16).padStart(32, '0')}`;
let counter = 0;

/** A visit on `visitedOn` (entered that day at 11:00 Shanghai), comfortably above the line, no risks. */
function visit(visitedOn: string, over: Partial<RuleVisit> = {}): RuleVisit {
  counter += 1;
  return {
    id: vid(counter),
    visitedOn,
    createdAt: `${visitedOn}T03:00:00.000Z`,
    perCapitaMonthlyFen: 300_000,
    annualIncomeFen: 7_200_000,
    earners: [{ relation: 'self', employment: 'employed', changedSinceLastVisit: false }],
    largeSpending: [],
    risk: 'low',
    ...over,
  };
}

const activeFile = (over: Partial<RuleFile> = {}): RuleFile => ({
  id: `hf_${'a'.repeat(32)}`,
  status: 'active',
  createdAt: '2025-12-31T16:30:00.000Z', // 2026-01-01 00:30 in Shanghai
  ...over,
});

/** Noon in Shanghai on a date. */
const on = (date: string) => new Date(`${date}T12:00:00+08:00`);

const ref = (v: RuleVisit) => ({ visitId: v.id, visitedOn: v.visitedOn });
const rulesOf = (alerts: RuleAlert[]) => alerts.map((a) => a.rule);
const find = <R extends RuleAlert['rule']>(alerts: RuleAlert[], rule: R) =>
  alerts.find((a): a is Extract<RuleAlert, { rule: R }> => a.rule === rule);

/** The rules raised for one visit, evaluated on its own date. */
function rulesForLatest(latest: RuleVisit, earlier: RuleVisit[] = [], p = policy, lineOn = lines) {
  return rulesOf(evaluateRules(activeFile(), [...earlier, latest], p, on(latest.visitedOn), lineOn));
}

describe('Policy: hardshipPolicySchema', () => {
  it('accepts the default policy', () => {
    expect(hardshipPolicySchema.parse(defaultHardshipPolicy)).toStrictEqual(defaultHardshipPolicy);
  });

  it.each([
    ['version 0', { version: 0 }, 'version'],
    ['a multiple with three decimals', { relativeMultiple: 1.255 }, 'relativeMultiple'],
    ['a multiple of 1', { relativeMultiple: 1 }, 'relativeMultiple'],
    ['a fractional drop percent', { incomeDropPercent: 30.5 }, 'incomeDropPercent'],
    ['a 100% drop', { incomeDropPercent: 100 }, 'incomeDropPercent'],
    ['a zero medical share', { medicalShareOfIncome: 0 }, 'medicalShareOfIncome'],
    ['a cadence over a year', { cadenceActiveDays: 367 }, 'cadenceActiveDays'],
    ['a high cadence longer than the others', { cadenceAfterHighDays: 91 }, 'cadenceAfterHighDays'],
    ['no monitoring window', { monitoringMonths: 0 }, 'monitoringMonths'],
    ['a negative notice', { windowEndingNoticeDays: -1 }, 'windowEndingNoticeDays'],
  ])('refuses %s', (_label, change, path) => {
    const result = hardshipPolicySchema.safeParse({ ...defaultHardshipPolicy, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toStrictEqual([path]);
  });
});

describe('Dates: shiftDateByMonths', () => {
  it.each([
    ['2025-06-15', 12, '2026-06-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(shiftDateByMonths(date, months)).toBe(expected);
  });
});

describe('Rules: belowPovertyLine and belowRelativeLine', () => {
  it.each([
    ['one fen below 低保', 99_999, ['belowPovertyLine']],
    ['exactly at 低保', 100_000, ['belowRelativeLine']],
    ['one fen below twice 低保', 199_999, ['belowRelativeLine']],
    ['exactly at twice 低保', 200_000, []],
    ['zero', 0, ['belowPovertyLine']],
    ['negative (spending above income)', -50_000, ['belowPovertyLine']],
  ])('%s (%i fen) raises %j', (_label, perCapitaMonthlyFen, expected) => {
    expect(rulesForLatest(visit('2026-03-01', { perCapitaMonthlyFen }))).toStrictEqual(expected);
  });

  it.each([
    [149_999, ['belowRelativeLine']],
    [150_000, []],
  ])('with a multiple of 1.5, %i fen raises %j', (perCapitaMonthlyFen, expected) => {
    const p = { ...policy, relativeMultiple: 1.5 };
    expect(rulesForLatest(visit('2026-03-01', { perCapitaMonthlyFen }), [], p)).toStrictEqual(expected);
  });

  it('raises nothing against the line when no line is in force', () => {
    const none: LineOn = () => undefined;
    expect(rulesForLatest(visit('2026-03-01', { perCapitaMonthlyFen: 1 }), [], policy, none)).toStrictEqual(
      [],
    );
  });

  it('carries the figure, the line used and the visit as evidence', () => {
    const v = visit('2026-03-01', { perCapitaMonthlyFen: 150_000 });
    expect(evaluateRules(activeFile(), [v], policy, on('2026-03-01'), lines)).toStrictEqual([
      {
        rule: 'belowRelativeLine',
        severity: 'medium',
        evidence: {
          visit: ref(v),
          perCapitaMonthlyFen: 150_000,
          povertyLine: { monthlyFen: LINE, effectiveFrom: '2020-01-01' },
          relativeMultiple: 2,
          relativeLineFen: 200_000,
        },
      },
    ]);
  });

  it('falls back to the line stored on each visit when no lines are given', () => {
    const v = visit('2026-03-01', { perCapitaMonthlyFen: 99_999, povertyLineFen: LINE });
    expect(evaluateRules(activeFile(), [v], policy, on('2026-03-01'))).toStrictEqual([
      {
        rule: 'belowPovertyLine',
        severity: 'high',
        evidence: { visit: ref(v), perCapitaMonthlyFen: 99_999, povertyLine: { monthlyFen: LINE } },
      },
    ]);
  });

  describe('when a new 低保 takes effect on 2026-07-01', () => {
    const changing = lineOnFromList([
      { effectiveFrom: '2026-07-01', monthlyFen: 110_000 },
      { effectiveFrom: '2025-01-01', monthlyFen: 100_000 },
    ]);

    it('compares a visit the day before with the old line', () => {
      const v = visit('2026-06-30', { perCapitaMonthlyFen: 105_000 });
      expect(rulesForLatest(v, [], policy, changing)).toStrictEqual(['belowRelativeLine']);
    });

    it('compares a visit on the day with the new line, and says which', () => {
      const v = visit('2026-07-01', { perCapitaMonthlyFen: 105_000 });
      const alert = find(
        evaluateRules(activeFile(), [v], policy, on('2026-07-01'), changing),
        'belowPovertyLine',
      );
      expect(alert?.evidence.povertyLine).toStrictEqual({ monthlyFen: 110_000, effectiveFrom: '2026-07-01' });
    });

    it('keeps comparing an older visit with its own date’s line after the change', () => {
      const v = visit('2026-06-30', { perCapitaMonthlyFen: 105_000 });
      const alerts = evaluateRules(activeFile(), [v], policy, on('2026-07-10'), changing);
      expect(rulesOf(alerts)).toStrictEqual(['belowRelativeLine']);
    });

    it('knows no line before the first one starts', () => {
      const v = visit('2024-12-31', { perCapitaMonthlyFen: 1 });
      expect(rulesForLatest(v, [], policy, changing)).toStrictEqual([]);
    });
  });
});

describe('Rules: incomeDrop', () => {
  it.each([
    ['a fall of exactly 30%', 10_000, 7_000, false],
    ['a fall of 30.01%', 10_000, 6_999, true],
    ['a fall of 29.99%', 10_000, 7_001, false],
    ['a fall to zero', 500_000, 0, true],
    ['a fall into the negative', 500_000, -1, true],
    ['a rise', 500_000, 600_000, false],
    ['no change', 500_000, 500_000, false],
    ['from zero', 0, -100_000, false],
    ['from a negative figure', -10_000, -90_000, false],
  ])('%s (%i → %i) raises: %s', (_label, before, after, raised) => {
    const none: LineOn = () => undefined;
    const rules = rulesForLatest(
      visit('2026-04-01', { perCapitaMonthlyFen: after }),
      [visit('2026-01-01', { perCapitaMonthlyFen: before })],
      policy,
      none,
    );
    expect(rules.includes('incomeDrop')).toBe(raised);
  });

  it('is not raised on a first visit', () => {
    expect(rulesForLatest(visit('2026-04-01', { perCapitaMonthlyFen: 250_000 }))).toStrictEqual([]);
  });

  it('follows the policy’s percentage', () => {
    const p = { ...policy, incomeDropPercent: 50 };
    const earlier = [visit('2026-01-01', { perCapitaMonthlyFen: 1_000_000 })];
    expect(rulesForLatest(visit('2026-04-01', { perCapitaMonthlyFen: 500_000 }), earlier, p)).toStrictEqual(
      [],
    );
    expect(rulesForLatest(visit('2026-04-01', { perCapitaMonthlyFen: 499_999 }), earlier, p)).toStrictEqual([
      'incomeDrop',
    ]);
  });

  it('compares with the previous visit as corrected, and gives the figures as evidence', () => {
    const first = visit('2026-01-01', { perCapitaMonthlyFen: 900_000 });
    const typo = visit('2026-02-01', { perCapitaMonthlyFen: 60_000 });
    const fixed = visit('2026-02-01', {
      perCapitaMonthlyFen: 1_000_000,
      corrects: typo.id,
      createdAt: '2026-02-03T01:00:00.000Z',
    });
    const latest = visit('2026-03-01', { perCapitaMonthlyFen: 699_900 });
    const alerts = evaluateRules(activeFile(), [first, typo, fixed, latest], policy, on('2026-03-01'), lines);
    expect(alerts).toStrictEqual([
      {
        rule: 'incomeDrop',
        severity: 'medium',
        evidence: {
          visit: ref(latest),
          previousVisit: ref(fixed),
          perCapitaMonthlyFen: 699_900,
          previousPerCapitaMonthlyFen: 1_000_000,
          dropPercent: 30.01,
          thresholdPercent: 30,
        },
      },
    ]);
  });

  it('reads a correction of the latest visit in its place', () => {
    const first = visit('2026-01-01', { perCapitaMonthlyFen: 1_000_000 });
    const wrong = visit('2026-03-01', { perCapitaMonthlyFen: 500_000 });
    const fixed = visit('2026-03-01', {
      perCapitaMonthlyFen: 900_000,
      corrects: wrong.id,
      createdAt: '2026-03-02T00:00:00.000Z',
    });
    expect(
      rulesOf(evaluateRules(activeFile(), [first, wrong, fixed], policy, on('2026-03-02'), lines)),
    ).toStrictEqual([]);
  });
});

describe('Rules: earnerUnemployed', () => {
  const self = (employment: 'employed' | 'unemployed' | 'unable', changedSinceLastVisit = false) => ({
    relation: 'self' as const,
    employment,
    changedSinceLastVisit,
  });
  const spouse = (employment: 'employed' | 'unemployed', changedSinceLastVisit = false) => ({
    relation: 'spouse' as const,
    employment,
    changedSinceLastVisit,
  });

  it.each([
    ['reported newly unemployed on a first visit', [], [self('unemployed', true)], true],
    ['unemployed on a first visit, not reported as a change', [], [self('unemployed')], false],
    ['employed before, unemployed now (change not ticked)', [self('employed')], [self('unemployed')], true],
    ['unemployed before and now', [self('unemployed')], [self('unemployed')], false],
    ['unemployed before and now, ticked as changed', [self('unemployed')], [self('unemployed', true)], true],
    ['back in work', [self('unemployed')], [self('employed', true)], false],
    ['unable to work now', [self('employed')], [self('unable', true)], false],
    [
      'the spouse was out of work, the head still works',
      [spouse('unemployed')],
      [spouse('unemployed'), self('employed')],
      false,
    ],
    ['no earners recorded', [self('employed')], [], false],
  ] as const)('%s', (_label, before, now, raised) => {
    const earlier = before.length === 0 ? [] : [visit('2026-01-01', { earners: [...before] })];
    const rules = rulesForLatest(visit('2026-04-01', { earners: [...now] }), earlier);
    expect(rules.includes('earnerUnemployed')).toBe(raised);
  });

  it('names the earners newly out of work, with what they did before', () => {
    const before = visit('2026-01-01', { earners: [spouse('unemployed'), self('employed')] });
    const latest = visit('2026-04-01', { earners: [spouse('unemployed'), self('unemployed')] });
    expect(evaluateRules(activeFile(), [before, latest], policy, on('2026-04-01'), lines)).toStrictEqual([
      {
        rule: 'earnerUnemployed',
        severity: 'medium',
        evidence: {
          visit: ref(latest),
          previousVisit: ref(before),
          earners: [{ relation: 'self', previousEmployment: 'employed', reportedChanged: false }],
        },
      },
    ]);
  });
});

describe('Rules: medicalBurden', () => {
  const income = { annualIncomeFen: 1_000_000 }; // 80% = 800,000 fen
  it.each([
    [
      'an illness costing exactly 80% of income',
      { illnessOrAccident: { kind: 'illness', description: '住院', expectedCostFen: 800_000 } },
      false,
    ],
    [
      'an illness costing one fen more',
      { illnessOrAccident: { kind: 'illness', description: '住院', expectedCostFen: 800_001 } },
      true,
    ],
    [
      'an accident costing one fen more',
      { illnessOrAccident: { kind: 'accident', description: '工伤', expectedCostFen: 800_001 } },
      true,
    ],
    [
      'a disaster costing more (not medical)',
      { illnessOrAccident: { kind: 'disaster', description: '水灾', expectedCostFen: 900_000 } },
      false,
    ],
    [
      'an illness and medical spending together over 80%',
      {
        illnessOrAccident: { kind: 'illness', description: '住院', expectedCostFen: 500_000 },
        largeSpending: [{ kind: 'medical', amountFen: 300_001 }],
      },
      true,
    ],
    [
      'education spending over 80% (not medical)',
      { largeSpending: [{ kind: 'education', amountFen: 900_000 }] },
      false,
    ],
    [
      'several medical spendings summing to exactly 80%',
      {
        largeSpending: [
          { kind: 'medical', amountFen: 400_000 },
          { kind: 'medical', amountFen: 400_000 },
        ],
      },
      false,
    ],
  ] as const)('%s', (_label, over, raised) => {
    const v = visit('2026-04-01', { ...income, ...(over as Partial<RuleVisit>) });
    expect(rulesForLatest(v).includes('medicalBurden')).toBe(raised);
  });

  it('counts any medical cost of a household with no income', () => {
    expect(
      rulesForLatest(
        visit('2026-04-01', { annualIncomeFen: 0, largeSpending: [{ kind: 'medical', amountFen: 1 }] }),
      ),
    ).toContain('medicalBurden');
    expect(rulesForLatest(visit('2026-04-01', { annualIncomeFen: 0 }))).not.toContain('medicalBurden');
  });

  it('gives the costs, the income and the threshold as evidence', () => {
    const v = visit('2026-04-01', {
      ...income,
      illnessOrAccident: { kind: 'illness', description: '大病', expectedCostFen: 600_000 },
      largeSpending: [
        { kind: 'medical', amountFen: 250_000 },
        { kind: 'other', amountFen: 9 },
      ],
    });
    expect(
      find(evaluateRules(activeFile(), [v], policy, on('2026-04-01'), lines), 'medicalBurden'),
    ).toStrictEqual({
      rule: 'medicalBurden',
      severity: 'high',
      evidence: {
        visit: ref(v),
        incidentCostFen: 600_000,
        medicalSpendingFen: 250_000,
        totalCostFen: 850_000,
        annualIncomeFen: 1_000_000,
        shareOfIncome: 0.8,
        thresholdFen: 800_000,
      },
    });
  });
});

describe('Rules: visitOverdue', () => {
  const overdue = (file: RuleFile, visits: RuleVisit[], now: Date, p = policy) =>
    find(evaluateRules(file, visits, p, now, lines), 'visitOverdue');

  it.each([
    ['2026-04-10', undefined],
    ['2026-04-11', 1],
    ['2026-05-11', 31],
  ])('an active household last visited 2026-01-10, on %s: days overdue %s', (today, days) => {
    expect(overdue(activeFile(), [visit('2026-01-10')], on(today))?.evidence.daysOverdue).toBe(days);
  });

  it('turns at midnight in Shanghai, not UTC', () => {
    const v = visit('2026-01-10');
    expect(overdue(activeFile(), [v], new Date('2026-04-10T23:59:59+08:00'))).toBeUndefined();
    expect(overdue(activeFile(), [v], new Date('2026-04-11T00:00:00+08:00'))).toStrictEqual({
      rule: 'visitOverdue',
      severity: 'low',
      evidence: {
        lastVisit: ref(v),
        countedFrom: '2026-01-10',
        cadence: 'active',
        cadenceDays: 90,
        dueOn: '2026-04-10',
        daysOverdue: 1,
      },
    });
  });

  it('uses 30 days after a visit judged high risk', () => {
    const v = visit('2026-01-10', { risk: 'high' });
    expect(overdue(activeFile(), [v], on('2026-02-09'))).toBeUndefined();
    expect(overdue(activeFile(), [v], on('2026-02-10'))?.evidence).toMatchObject({
      cadence: 'afterHigh',
      cadenceDays: 30,
      daysOverdue: 1,
    });
  });

  it('uses 30 days when the latest visit raises a high alert', () => {
    const v = visit('2026-01-10', { perCapitaMonthlyFen: 99_999 });
    expect(overdue(activeFile(), [v], on('2026-02-09'))).toBeUndefined();
    expect(overdue(activeFile(), [v], on('2026-02-10'))?.evidence.cadence).toBe('afterHigh');
  });

  it('uses the recent-exit cadence inside the monitoring window and the ordinary one after it', () => {
    const p = { ...policy, cadenceRecentExitDays: 60 };
    const exited = activeFile({ status: 'exited', exitDate: '2025-06-01' }); // window ends 2026-06-01
    const v = visit('2026-03-01');
    expect(overdue(exited, [v], on('2026-04-30'), p)).toBeUndefined();
    expect(overdue(exited, [v], on('2026-05-01'), p)?.evidence).toMatchObject({
      cadence: 'recentExit',
      cadenceDays: 60,
    });
    const longAgo = activeFile({ status: 'exited', exitDate: '2024-01-01' });
    expect(overdue(longAgo, [v], on('2026-05-01'), p)).toBeUndefined();
    expect(overdue(longAgo, [v], on('2026-05-31'), p)?.evidence).toMatchObject({
      cadence: 'active',
      cadenceDays: 90,
    });
  });

  it('counts from the file’s creation date in Shanghai when there is no visit', () => {
    const file = activeFile({ createdAt: '2026-01-01T17:00:00.000Z' }); // 2026-01-02 01:00 in Shanghai
    expect(overdue(file, [], on('2026-04-02'))).toBeUndefined();
    expect(overdue(file, [], on('2026-04-03'))).toStrictEqual({
      rule: 'visitOverdue',
      severity: 'low',
      evidence: {
        countedFrom: '2026-01-02',
        cadence: 'active',
        cadenceDays: 90,
        dueOn: '2026-04-02',
        daysOverdue: 1,
      },
    });
  });

  it('counts from the latest visit by date, not by entry order', () => {
    const late = visit('2026-03-01');
    const backfilled = visit('2026-01-01', { createdAt: '2026-03-05T00:00:00.000Z' });
    expect(overdue(activeFile(), [late, backfilled], on('2026-05-30'))).toBeUndefined();
  });
});

describe('Rules: monitoringWindowEnding', () => {
  const exited = activeFile({ status: 'exited', exitDate: '2025-06-15' }); // window ends 2026-06-15
  const task = (now: Date, file = exited) =>
    find(evaluateRules(file, [visit('2026-05-01')], policy, now, lines), 'monitoringWindowEnding');

  it.each([
    ['2026-05-15', undefined],
    ['2026-05-16', 30],
    ['2026-06-15', 0],
  ])('on %s, days left: %s', (today, days) => {
    expect(task(on(today))?.evidence.daysLeft).toBe(days);
  });

  it('stays raised once the window has passed, due at once', () => {
    expect(task(on('2026-07-01'))).toStrictEqual({
      rule: 'monitoringWindowEnding',
      severity: 'task',
      dueDays: 0,
      evidence: { exitDate: '2025-06-15', monitoringMonths: 12, windowEndsOn: '2026-06-15', daysLeft: -16 },
    });
  });

  it('ends a window on the last day of a shorter month', () => {
    const file = activeFile({ status: 'exited', exitDate: '2025-08-31' });
    const p = { ...policy, monitoringMonths: 6 };
    const alert = find(
      evaluateRules(file, [visit('2026-02-01')], p, on('2026-02-01'), lines),
      'monitoringWindowEnding',
    );
    expect(alert?.evidence.windowEndsOn).toBe('2026-02-28');
    expect(alert?.dueDays).toBe(27);
  });

  it('is not raised for a household on file', () => {
    expect(task(on('2026-07-01'), activeFile())).toBeUndefined();
  });
});

describe('Rules: exitReview', () => {
  /** Visits on the 5th of each month from January, at these per-capita figures. */
  const monthly = (figures: number[]) =>
    figures.map((perCapitaMonthlyFen, i) =>
      visit(`2026-${String(i + 1).padStart(2, '0')}-05`, { perCapitaMonthlyFen }),
    );
  const review = (visits: RuleVisit[], file = activeFile(), lineOn = lines) =>
    find(evaluateRules(file, visits, policy, on(visits.at(-1)!.visitedOn), lineOn), 'exitReview');
  const above = 250_000;

  it('is raised when a run above 低保 spans exactly six months', () => {
    const visits = monthly([above, above, above, above, above, above, above]); // 01-05 … 07-05
    expect(review(visits)).toStrictEqual({
      rule: 'exitReview',
      severity: 'task',
      evidence: {
        months: 6,
        runFrom: ref(visits[0]!),
        latestVisit: ref(visits[6]!),
        visits: visits.map((v) => ({ ...ref(v), perCapitaMonthlyFen: above, povertyLineFen: LINE })),
      },
    });
  });

  it('is not raised a day short of six months', () => {
    const visits = [
      ...monthly([above, above, above, above, above, above]),
      visit('2026-07-04', { perCapitaMonthlyFen: above }),
    ];
    expect(review(visits)).toBeUndefined();
  });

  it('counts a figure exactly at the line as not below it', () => {
    expect(review(monthly([LINE, LINE, LINE, LINE, LINE, LINE, LINE]))).toBeDefined();
  });

  it('restarts the run after one month below', () => {
    expect(review(monthly([above, above, 99_999, above, above, above, above]))).toBeUndefined();
    const longer = monthly([above, above, 99_999, above, above, above, above, above, above, above]);
    expect(review(longer)?.evidence.runFrom).toStrictEqual(ref(longer[3]!));
  });

  it('is not raised when the latest visit is below the line', () => {
    expect(review(monthly([above, above, above, above, above, above, above, 99_999]))).toBeUndefined();
  });

  it('reads a corrected month below the line as the correction says', () => {
    const visits = monthly([above, above, 99_999, above, above, above, above]);
    const fixed = visit('2026-03-05', {
      perCapitaMonthlyFen: above,
      corrects: visits[2]!.id,
      createdAt: '2026-03-06T00:00:00.000Z',
    });
    expect(review([...visits, fixed])?.evidence.runFrom).toStrictEqual(ref(visits[0]!));
  });

  it('treats a month with no line in force as breaking the run', () => {
    const fromMarch = lineOnFromList([{ effectiveFrom: '2026-03-01', monthlyFen: LINE }]);
    expect(
      review(monthly([above, above, above, above, above, above, above]), activeFile(), fromMarch),
    ).toBeUndefined();
  });

  it('is not raised for a household that has already left hardship', () => {
    const file = activeFile({ status: 'exited', exitDate: '2025-12-01' });
    expect(review(monthly([above, above, above, above, above, above, above]), file)).toBeUndefined();
  });
});

describe('Rules: corrections and closed files', () => {
  it('raises nothing for a closed file, whatever its visits say', () => {
    const file = activeFile({ status: 'closed' });
    const bad = visit('2020-01-01', {
      perCapitaMonthlyFen: -1,
      risk: 'high',
      earners: [{ relation: 'self', employment: 'unemployed', changedSinceLastVisit: true }],
      largeSpending: [{ kind: 'medical', amountFen: 99_999_999 }],
    });
    expect(evaluateRules(file, [visit('2019-06-01'), bad], policy, on('2026-01-01'), lines)).toStrictEqual(
      [],
    );
    expect(evaluateRules(file, [], policy, on('2026-01-01'), lines)).toStrictEqual([]);
  });

  it('ignores a corrected visit below the line, even one whose wrong date made it the latest', () => {
    const wrong = visit('2026-03-10', { perCapitaMonthlyFen: 10_000 });
    const fixed = visit('2026-03-01', { corrects: wrong.id, createdAt: '2026-03-11T09:00:00.000Z' });
    expect(evaluateRules(activeFile(), [fixed, wrong], policy, on('2026-03-11'), lines)).toStrictEqual([]);
  });

  it('lets the last of a chain of corrections stand', () => {
    const a = visit('2026-03-01', { perCapitaMonthlyFen: 10_000 });
    const b = visit('2026-03-01', {
      perCapitaMonthlyFen: 300_000,
      corrects: a.id,
      createdAt: '2026-03-02T00:00:00.000Z',
    });
    const c = visit('2026-03-01', {
      perCapitaMonthlyFen: 90_000,
      corrects: b.id,
      createdAt: '2026-03-03T00:00:00.000Z',
    });
    const alert = find(
      evaluateRules(activeFile(), [a, b, c], policy, on('2026-03-03'), lines),
      'belowPovertyLine',
    );
    expect(alert?.evidence.visit).toStrictEqual(ref(c));
  });

  it('lets the later of two corrections of one visit stand, and only it', () => {
    const earlier = visit('2026-01-01', { perCapitaMonthlyFen: 200_000 });
    const a = visit('2026-03-01', { perCapitaMonthlyFen: 10_000 });
    const b = visit('2026-03-01', {
      perCapitaMonthlyFen: 400_000,
      corrects: a.id,
      createdAt: '2026-03-02T00:00:00.000Z',
    });
    const c = visit('2026-03-01', {
      perCapitaMonthlyFen: 250_000,
      corrects: a.id,
      createdAt: '2026-03-03T00:00:00.000Z',
    });
    // Were b still standing, c would follow it with a 37.5% fall (incomeDrop); c follows `earlier`.
    expect(evaluateRules(activeFile(), [earlier, a, c, b], policy, on('2026-03-03'), lines)).toStrictEqual(
      [],
    );
  });
});

// ——— Properties, against oracles written here from the rules' wording (not the module's helpers).

/** A date in 2024–2027 from a day offset. */
const dateArb = fc
  .integer({ min: 0, max: 4 * 365 })
  .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
const lineListArb = fc.array(
  fc.record({ effectiveFrom: dateArb, monthlyFen: fc.integer({ min: 1, max: 300_000 }) }),
  {
    minLength: 0,
    maxLength: 3,
  },
);

/** The line a plain reading of "the latest standard that took effect on or before the date" gives. */
function oracleLine(list: { effectiveFrom: string; monthlyFen: number }[], date: string): number | null {
  let best: { effectiveFrom: string; monthlyFen: number } | null = null;
  for (const line of list) {
    if (line.effectiveFrom <= date && (best === null || line.effectiveFrom >= best.effectiveFrom))
      best = line;
  }
  return best?.monthlyFen ?? null;
}

describe('Properties', () => {
  it('belowPovertyLine / belowRelativeLine match a brute-force reading of the latest visit', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ date: dateArb, perCapita: fc.integer({ min: -100_000, max: 700_000 }) }), {
          selector: (v) => v.date,
          minLength: 1,
          maxLength: 5,
        }),
        lineListArb.filter((l) => new Set(l.map((x) => x.effectiveFrom)).size === l.length),
        (rows, lineList) => {
          const visits = rows.map((r) => visit(r.date, { perCapitaMonthlyFen: r.perCapita }));
          const latest = rows.reduce((a, b) => (b.date > a.date ? b : a));
          const line = oracleLine(lineList, latest.date);
          const expected: string[] = [];
          if (line !== null && latest.perCapita < line) expected.push('belowPovertyLine');
          else if (line !== null && latest.perCapita < 2 * line) expected.push('belowRelativeLine');
          const got = rulesOf(
            evaluateRules(activeFile(), visits, policy, on(latest.date), lineOnFromList(lineList)),
          );
          expect(got.filter((r) => r === 'belowPovertyLine' || r === 'belowRelativeLine')).toStrictEqual(
            expected,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('incomeDrop matches a brute-force reading of the last two visits in effect, corrections included', () => {
    const row = fc.record({
      date: dateArb,
      figure: fc.integer({ min: -50_000, max: 1_000_000 }),
      typo: fc.integer({ min: -50_000, max: 1_000_000 }),
      corrected: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.date, minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: -2, max: 2 })),
        (unsorted, nudge) => {
          const rows = unsorted.map((r) => ({ ...r })).sort((a, b) => (a.date < b.date ? -1 : 1));
          // Half the runs put the latest figure within 2 fen of a 30% fall from the one before.
          const before = rows.at(-2);
          if (nudge !== null && before) rows.at(-1)!.figure = Math.floor((before.figure * 70) / 100) + nudge;
          // A corrected row is entered twice: first with its typo, then corrected to its figure.
          const visits = rows.flatMap((r) => {
            const original = visit(r.date, { perCapitaMonthlyFen: r.corrected ? r.typo : r.figure });
            if (!r.corrected) return [original];
            const correction = visit(r.date, {
              perCapitaMonthlyFen: r.figure,
              corrects: original.id,
              createdAt: `${r.date}T09:00:00.000Z`,
            });
            return [correction, original];
          });
          const prev = rows.at(-2)?.figure;
          const cur = rows.at(-1)!.figure;
          const expected =
            prev !== undefined && prev > 0 && (prev - cur) / prev > policy.incomeDropPercent / 100;
          const today = rows.at(-1)!.date;
          const got = rulesOf(evaluateRules(activeFile(), visits, policy, on(today), () => undefined));
          expect(got.includes('incomeDrop')).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('visitOverdue is raised exactly when more than the cadence has passed since the last visit', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), fc.boolean(), (date, after, high) => {
        const v = visit(date, { risk: high ? 'high' : 'low' });
        const now = new Date(Date.parse(`${date}T08:00:00+08:00`) + after * 86_400_000);
        const cadence = high ? policy.cadenceAfterHighDays : policy.cadenceActiveDays;
        const got = rulesOf(evaluateRules(activeFile(), [v], policy, now, lines));
        expect(got.includes('visitOverdue')).toBe(after > cadence);
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone: a lower figure or a higher medical cost never clears a risk the household had', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 600_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        (perCapita, less, cost, more) => {
          const risks = (pc: number, c: number) => {
            const v = visit('2026-03-01', {
              perCapitaMonthlyFen: pc,
              annualIncomeFen: 1_000_000,
              largeSpending: c > 0 ? [{ kind: 'medical', amountFen: c }] : [],
            });
            const got = rulesForLatest(v);
            return {
              underTwice: got.includes('belowPovertyLine') || got.includes('belowRelativeLine'),
              under: got.includes('belowPovertyLine'),
              medical: got.includes('medicalBurden'),
            };
          };
          const before = risks(perCapita, cost);
          const after = risks(perCapita - less, cost + more);
          if (before.underTwice) expect(after.underTwice).toBe(true);
          if (before.under) expect(after.under).toBe(true);
          if (before.medical) expect(after.medical).toBe(true);
        },
      ),
    );
  });
});
