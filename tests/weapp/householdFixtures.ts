import type { HouseholdFile, HouseholdSummary, Visit } from '@ankang/shared';
import { zjg } from './staffOutreachFixtures';

/**
 * Households as the hardship routes answer them (fictitious, masked as the server masks), for the
 * staff monitoring page tests. Fresh copies per call.
 */
const stamp = '2026-05-10T02:00:00.000Z';
export const daxin = `${zjg}/daxin`;
export const streetAddress = '大新镇示例路 8 号 3 幢 201 室';

/**
 * A valid 18-digit ID number for a birth date, worked out here apart from the app (GB 11643: the
 * MOD 11-2 check digit over weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mapped by `10X98765432`).
 */
export function validIdNumber(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

export function summary(
  id: string,
  headName: string,
  overrides: Partial<HouseholdSummary> = {},
): HouseholdSummary {
  return {
    id,
    headName,
    idNumberMasked: '3205**********1234',
    orgPath: daxin,
    orgName: '大新镇总工会',
    district: '大新镇',
    category: 'deep',
    status: 'active',
    causes: ['illness'],
    householdSize: 3,
    perCapitaMonthlyFen: 83_333,
    caseworkerName: '顾晓东',
    lastVisitOn: '2026-09-01',
    nextVisitDue: '2026-10-01',
    visitOverdue: true,
    demo: true,
    version: 2,
    ...overrides,
  };
}

export const fileId = 'hf_0123456789abcdef0123456789abcdef';

export function household(overrides: Partial<HouseholdFile> = {}): HouseholdFile {
  return {
    ...summary(fileId, '示例户·张某某'),
    phoneMasked: '138****5678',
    address: streetAddress,
    members: [
      { relation: 'self', name: '张某某', birthYear: 1975, condition: 'chronic', employment: 'flexible' },
      { relation: 'spouse', name: '李某某', birthYear: 1977, condition: 'serious', employment: 'unable' },
      { relation: 'child', name: '张小某', birthYear: 2010, condition: 'healthy', employment: 'student' },
    ],
    income: {
      annualIncomeFen: 3_600_000,
      annualFixedSpendingFen: 600_000,
      medicalAccidentCostsFen: 1_200_000,
    },
    consent: {
      givenBy: '张某某',
      relation: 'self',
      date: '2026-05-09',
      scopes: ['filing', 'visits'],
      method: 'written',
      recordedBy: '顾晓东',
      recordedAt: stamp,
    },
    caseworkerUserId: 'u_00000000000000000000daxin',
    povertyLine: {
      monthlyFen: 109_500,
      effectiveFrom: '2025-07-01',
      orgPath: '320000/320500',
      orgName: '苏州市总工会',
    },
    suggestedCategory: 'deep',
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

export function visit(id: string, visitedOn: string, overrides: Partial<Visit> = {}): Visit {
  return {
    id,
    fileId,
    visitedOn,
    mode: 'home',
    annualIncomeFen: 3_600_000,
    annualFixedSpendingFen: 600_000,
    householdSize: 3,
    earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: false }],
    largeSpending: [],
    housing: [],
    risk: 'medium',
    nextVisitDue: '2026-10-01',
    perCapitaMonthlyFen: 83_333,
    povertyLineFen: 109_500,
    belowPovertyLine: true,
    visitorName: '顾晓东',
    createdAt: stamp,
    demo: true,
    ...overrides,
  };
}
