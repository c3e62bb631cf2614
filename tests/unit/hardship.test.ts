import {
  householdCreateSchema,
  perCapitaMonthlyFen,
  suggestedCategory,
  visitDraftSchema,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draft } from '../support/households';

describe('Domain: perCapitaMonthlyFen', () => {
  it.each([
    // [income, fixed spending, size, expected] worked by hand in fen.
    [3_600_000, 600_000, 2, 125_000], // (36,000 − 6,000) ÷ 12 ÷ 2 = ¥1,250
    [1_200_000, 0, 1, 100_000], // ¥12,000 ÷ 12 = ¥1,000
    [1_000_000, 0, 3, 27_778], // ¥10,000 ÷ 36 = ¥277.777… → ¥277.78
    [100, 0, 12, 1], // 100 ÷ 144 = 0.69 fen → 1 fen
    [0, 0, 4, 0],
    [600_000, 1_800_000, 2, -50_000], // spending above income: negative, not an error
  ])('(%i − %i) ÷ 12 ÷ %i = %i fen', (annualIncomeFen, annualFixedSpendingFen, householdSize, expected) => {
    expect(perCapitaMonthlyFen({ annualIncomeFen, annualFixedSpendingFen, householdSize })).toBe(expected);
  });

  it('is a whole number of fen within half a fen of the exact figure', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        (annualIncomeFen, annualFixedSpendingFen, householdSize) => {
          const got = perCapitaMonthlyFen({ annualIncomeFen, annualFixedSpendingFen, householdSize });
          const exact = (annualIncomeFen - annualFixedSpendingFen) / (12 * householdSize);
          expect(Number.isInteger(got)).toBe(true);
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });
});

describe('Domain: suggestedCategory', () => {
  const base = { annualIncomeFen: 2_400_000, medicalAccidentCostsFen: 0, povertyLineFen: 100_000 };
  it.each([
    ['below 低保 → 深度困难', { ...base, perCapitaMonthlyFen: 99_999 }, 'deep'],
    ['at 低保 → 相对困难', { ...base, perCapitaMonthlyFen: 100_000 }, 'relative'],
    ['just below twice 低保 → 相对困难', { ...base, perCapitaMonthlyFen: 199_999 }, 'relative'],
    ['at twice 低保 → none', { ...base, perCapitaMonthlyFen: 200_000 }, null],
    ['no 低保 known → none', { ...base, povertyLineFen: undefined, perCapitaMonthlyFen: 1 }, null],
    [
      'costs over 80% of income → 意外致困',
      { ...base, perCapitaMonthlyFen: 500_000, medicalAccidentCostsFen: 1_920_001 },
      'accident',
    ],
    [
      'costs at exactly 80% → by income',
      { ...base, perCapitaMonthlyFen: 50_000, medicalAccidentCostsFen: 1_920_000 },
      'deep',
    ],
    [
      'no income and any cost → 意外致困',
      { ...base, annualIncomeFen: 0, perCapitaMonthlyFen: 0, medicalAccidentCostsFen: 1 },
      'accident',
    ],
    ['major accident → 意外致困', { ...base, perCapitaMonthlyFen: 900_000, majorAccident: true }, 'accident'],
  ] as const)('%s', (_label, input, expected) => {
    expect(suggestedCategory(input)).toBe(expected);
  });
});

describe('Schema: household and visit drafts', () => {
  it('accepts a complete draft and normalises the phone', () => {
    const body = draft('320000/320500/320582/daxin', { phone: '139-1234-5678' });
    expect(householdCreateSchema.parse(body).phone).toBe('13912345678');
  });

  it.each([
    ['two heads', { members: [draft('320000').members[0]!, draft('320000').members[0]!] }, 'members'],
    ['no head', { members: [draft('320000').members[1]!] }, 'members'],
    ['已脱困 without a date', { status: 'exited' }, 'exitDate'],
    ['an exit date while 在档', { exitDate: '2026-01-01' }, 'exitDate'],
    ['a duplicate cause', { causes: ['illness', 'illness'] }, 'causes'],
    ['a consent dated tomorrow', { consent: { ...draft('320000').consent, date: '2999-01-01' } }, 'consent'],
    [
      'negative income',
      { income: { annualIncomeFen: -1, annualFixedSpendingFen: 0, medicalAccidentCostsFen: 0 } },
      'income',
    ],
    [
      'income in fractions of a fen',
      { income: { annualIncomeFen: 1.5, annualFixedSpendingFen: 0, medicalAccidentCostsFen: 0 } },
      'income',
    ],
  ] as const)('refuses %s', (_label, overrides, field) => {
    const result = householdCreateSchema.safeParse({ ...draft('320000/320500'), ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  const visit = {
    visitedOn: '2026-01-10',
    mode: 'home',
    annualIncomeFen: 100,
    annualFixedSpendingFen: 0,
    householdSize: 1,
    earners: [],
    largeSpending: [],
    housing: [],
    risk: 'low',
    nextVisitDue: '2026-02-10',
  };

  it('refuses a typed per-capita figure and a next visit not within a year after the visit', () => {
    expect(visitDraftSchema.safeParse(visit).success).toBe(true);
    expect(visitDraftSchema.safeParse({ ...visit, perCapitaMonthlyFen: 8 }).success).toBe(false);
    for (const nextVisitDue of ['2026-01-10', '2027-01-12']) {
      expect(visitDraftSchema.safeParse({ ...visit, nextVisitDue }).success, nextVisitDue).toBe(false);
    }
    expect(visitDraftSchema.safeParse({ ...visit, nextVisitDue: '2027-01-11' }).success).toBe(true);
  });
});
