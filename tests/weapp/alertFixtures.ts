import type { HardshipAlert, HardshipAlertSummary } from '@ankang/shared';
import { daxin, fileId, summary } from './householdFixtures';
import { zjg } from './staffOutreachFixtures';

/**
 * Alerts as the alert routes answer them (fictitious, masked as the server masks), for the staff
 * alert page tests. Dates are worked out from today in China here, apart from the app. Fresh copies
 * per call.
 */
const DAY_MS = 86_400_000;
export const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const daysFromToday = (days: number) =>
  new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const alertId = 'ha_0123456789abcdef0123456789abcdef';
export const otherAlertId = 'ha_fedcba9876543210fedcba9876543210';
const stamp = '2026-11-20T02:00:00.000Z';

export function alertSummary(
  id: string = alertId,
  overrides: Partial<HardshipAlertSummary> = {},
): HardshipAlertSummary {
  return {
    id,
    fileId,
    rule: 'belowPovertyLine',
    ruleLabel: '人均收入低于低保标准',
    severity: 'high',
    status: 'open',
    headName: '示例户·张某某',
    district: '大新镇',
    orgPath: daxin,
    orgName: '大新镇总工会',
    assigneeUserId: 'u_00000000000000000000daxin',
    assigneeName: '顾晓东',
    raisedAt: stamp,
    dueOn: daysFromToday(2),
    overdue: false,
    updatedAt: stamp,
    version: 3,
    ...overrides,
  };
}

export function alertDetail(overrides: Partial<HardshipAlert> = {}): HardshipAlert {
  return {
    ...alertSummary(),
    evidence: {
      visit: { visitId: 'hv_00000000000000000000000000000003', visitedOn: '2026-11-20' },
      perCapitaMonthlyFen: 82_000,
      povertyLine: { monthlyFen: 114_000, effectiveFrom: '2026-07-01' },
    },
    policy: { version: 1, orgPath: null },
    basis: 'hv_00000000000000000000000000000003',
    evidenceUpdatedAt: stamp,
    escalations: [],
    comments: [],
    history: [{ action: 'raiseAlert', actionLabel: '触发预警', actorName: '系统', at: stamp }],
    household: summary(fileId, '示例户·张某某'),
    ...overrides,
  };
}

/** The same alert escalated from 大新镇 to 张家港 after 顾晓东 let it pass its due date. */
export function escalatedDetail(): HardshipAlert {
  const at = '2026-11-24T17:30:00.000Z';
  return alertDetail({
    dueOn: daysFromToday(3),
    escalation: { toOrgPath: zjg, toOrgName: '张家港市总工会', level: 1, at },
    escalations: [
      {
        fromOrgPath: daxin,
        fromOrgName: '大新镇总工会',
        toOrgPath: zjg,
        toOrgName: '张家港市总工会',
        at,
        dueOn: '2026-11-23',
        assigneeName: '顾晓东',
      },
    ],
  });
}
