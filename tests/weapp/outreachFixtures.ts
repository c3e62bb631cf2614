import type { Assignment, Campaign, VolunteerSignup, WorksiteSignup } from '@ankang/shared';

/**
 * 三送 answers as the API gives them, dated around today (Shanghai) so the season always has days
 * left to choose. Dates are worked out here with plain UTC arithmetic, not with the client's helpers.
 */
const DAY_MS = 86_400_000;
export const shanghaiDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);

export const zjg = '320000/320500/320582';
export const daxin = '320000/320500/320582/daxin';
export const campaignId = 'cp_demo0zjgthis';
const stamp = '2026-06-01T02:00:00.000Z';

/** GET /districts: a province, a city, 张家港 with one town under it, and a district beside it. */
export function districts() {
  return {
    districts: [
      { path: '320000', name: '江苏省总工会', region: '江苏省', parentPath: null },
      { path: '320000/320500', name: '苏州市总工会', region: '苏州市', parentPath: '320000' },
      { path: zjg, name: '张家港市总工会', region: '张家港市', parentPath: '320000/320500' },
      { path: daxin, name: '大新镇工会', region: '大新镇', parentPath: zjg },
      {
        path: '320000/320500/320571',
        name: '苏州工业园区总工会',
        region: '苏州工业园区',
        parentPath: '320000/320500',
      },
    ],
  };
}

/** 张家港's open campaign: started 10 days ago, runs 40 more; sign-up open for 20 more. */
export function campaign(): Campaign {
  return {
    id: campaignId,
    orgPath: zjg,
    title: '张家港市夏季安康“三送”活动',
    season: { from: shanghaiDay(-10), to: shanghaiDay(40) },
    signup: { from: shanghaiDay(-10), to: shanghaiDay(20) },
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [
          { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 },
          { code: 'mungbean', name: '绿豆', unit: '袋' },
        ],
      },
      {
        code: 'health',
        name: '送健康',
        items: [{ code: 'huoxiang', name: '藿香正气水', unit: '盒' }],
      },
    ],
    targetGroups: ['sanitation', 'construction'],
    status: 'open',
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** A worksite sign-up as the API stores it (phone masked). */
export function worksiteSignup(overrides: Partial<WorksiteSignup> = {}): WorksiteSignup {
  return {
    id: 'ws_0000000000000000last',
    campaignId,
    siteName: '杨舍镇环卫所东片作业点',
    orgPath: daxin,
    orgName: '张家港市 › 大新镇',
    address: '大新镇长江路 88 号',
    location: { lat: 31.91, lng: 120.55 },
    outdoorWorkers: 40,
    highTempWorkers: 12,
    workerGroups: ['sanitation', 'courier'],
    requested: [
      { kind: 'cool', items: ['water', 'watermelon'] },
      { kind: 'legal', items: [] },
    ],
    preferredDates: [],
    contactName: '周强',
    contactPhoneMasked: '138****5678',
    status: 'approved',
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

export function volunteerSignup(overrides: Partial<VolunteerSignup> = {}): VolunteerSignup {
  return {
    id: 'vs_00000000000000000001',
    campaignId,
    userId: 'u_0000000000000000000worker',
    name: '刘建华',
    districts: [daxin],
    availability: [{ date: shanghaiDay(1), slot: 'am' }],
    skills: ['driving'],
    phoneMasked: '139****0001',
    status: 'pending',
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

/** A task on the day after tomorrow, waiting for the volunteer's answer. */
export function assignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: 'as_00000000000000000001',
    campaignId,
    campaignTitle: '张家港市夏季安康“三送”活动',
    worksiteSignupId: 'ws_0000000000000000last',
    volunteerSignupId: 'vs_00000000000000000001',
    volunteerName: '赵磊',
    date: shanghaiDay(2),
    slot: 'pm',
    status: 'assigned',
    site: {
      siteName: '杨舍镇环卫所东片作业点',
      address: '大新镇长江路 88 号',
      orgName: '张家港市 › 大新镇',
      location: { lat: 31.9, lng: 120.55 },
      contactName: '周强',
      contactPhoneMasked: '138****5678',
      outdoorWorkers: 40,
      requested: [
        { kind: 'cool', items: ['water', 'mungbean'] },
        { kind: 'health', items: [] },
      ],
    },
    history: [],
    version: 3,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}
