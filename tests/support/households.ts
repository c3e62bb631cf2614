import { randomInt, randomUUID } from 'node:crypto';
import type { HouseholdCreateInput } from '@ankang/shared';
import { day } from './shanghaiDay';

/** Household drafts for the hardship tests of every tier: pure, no handler or table imports. */

export const newFileId = () => `hf_${randomUUID().replace(/-/g, '')}`;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * A GB 11643 ID number with its MOD 11-2 check digit, computed here from the standard (not by the
 * code under test). Random birth date and sequence, so each test's number is its own.
 */
export function idNumberFor(area = '320582'): string {
  const year = 1950 + randomInt(50);
  const month = 1 + randomInt(12);
  const dayOfMonth = 1 + randomInt(28);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const first17 = `${area}${year}${pad(month, 2)}${pad(dayOfMonth, 2)}${pad(randomInt(1000), 3)}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return `${first17}${CHECK[sum % 11]}`;
}

/** A number whose check character is X, the case most often mistyped and mis-stored. */
export function idNumberEndingInX(): string {
  for (;;) {
    const id = idNumberFor();
    if (id.endsWith('X')) return id;
  }
}

export const mobileFor = () => `139${String(randomInt(100_000_000)).padStart(8, '0')}`;

/** A household draft with a fresh ID number, phone and street address. */
export function draft(orgPath: string, overrides: Partial<HouseholdCreateInput> = {}): HouseholdCreateInput {
  return {
    id: newFileId(),
    orgPath,
    headName: '示例户·张某某',
    idNumber: idNumberFor(),
    phone: mobileFor(),
    address: `示例路 ${randomInt(1, 100_000)} 号`,
    members: [
      { relation: 'self', name: '张某某', birthYear: 1978, condition: 'chronic', employment: 'flexible' },
      { relation: 'child', name: '张小某', birthYear: 2012, condition: 'healthy', employment: 'student' },
    ],
    category: 'relative',
    status: 'active',
    causes: ['illness', 'schooling'],
    income: { annualIncomeFen: 3_600_000, annualFixedSpendingFen: 600_000, medicalAccidentCostsFen: 200_000 },
    consent: {
      givenBy: '张某某',
      relation: 'self',
      date: '2026-01-05',
      scopes: ['filing', 'visits'],
      method: 'written',
    },
    ...overrides,
  };
}

/** A visit as a caseworker records it: yesterday, at home, with the figures the server divides. */
export function visitDraft(overrides: object = {}) {
  return {
    id: `hv_${randomUUID().replace(/-/g, '')}`,
    visitedOn: day(-1),
    mode: 'home',
    annualIncomeFen: 2_400_000,
    annualFixedSpendingFen: 0,
    householdSize: 2,
    earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: false }],
    largeSpending: [{ kind: 'medical', amountFen: 300_000 }],
    housing: [],
    risk: 'medium',
    notes: '户主慢性病，按时服药',
    nextVisitDue: day(30),
    ...overrides,
  };
}

/** A whole 监测规则 policy, as an admin's form sends one. */
export const policyDraft = {
  relativeMultiple: 2.5,
  incomeDropPercent: 25,
  medicalShareOfIncome: 0.6,
  cadenceActiveDays: 60,
  cadenceRecentExitDays: 45,
  cadenceAfterHighDays: 20,
  monitoringMonths: 18,
  exitReviewMonths: 6,
  windowEndingNoticeDays: 30,
};
