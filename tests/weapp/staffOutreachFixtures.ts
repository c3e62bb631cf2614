import type { Assignment, Campaign, OrgNode, VolunteerSignup, WorksiteSignup } from '@ankang/shared';

/** This year in China (the copy moves last year's campaign here), worked out apart from the app's code. */
export const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
export const zjg = '320000/320500/320582';
const stamp = '2026-05-10T02:00:00.000Z';

/** GET /orgs for 张家港's staff: their node and two towns under it. */
export function scopeOrgs(): OrgNode[] {
  return [
    { path: zjg, name: '张家港市总工会', region: '张家港市', level: 'county', parentPath: '320000/320500' },
    { path: `${zjg}/daxin`, name: '大新镇总工会', region: '大新镇', level: 'town', parentPath: zjg },
    { path: `${zjg}/yangshe`, name: '杨舍镇总工会', region: '杨舍镇', level: 'town', parentPath: zjg },
  ];
}

/** Last summer's campaign, archived: what 复制往年活动 starts from. */
export function lastYearCampaign(): Campaign {
  return {
    id: 'cp_lastyearzjg01',
    orgPath: zjg,
    title: `${thisYear - 1}年张家港市夏季送清凉活动`,
    season: { from: `${thisYear - 1}-06-01`, to: `${thisYear - 1}-09-30` },
    signup: { from: `${thisYear - 1}-05-20`, to: `${thisYear - 1}-09-15` },
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [
          { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2450 },
          { code: 'mungbean', name: '绿豆', unit: '袋' },
        ],
      },
      {
        code: 'health',
        name: '送健康',
        items: [{ code: 'checkup', name: '健康体检', unit: '人次', unitCostFen: 12000 }],
      },
    ],
    targetGroups: ['sanitation', 'courier'],
    status: 'archived',
    version: 4,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** This summer's campaign, open for sign-ups, run by 张家港. */
export function openCampaign(): Campaign {
  return {
    ...lastYearCampaign(),
    id: 'cp_thisyearzjg01',
    title: `${thisYear}年张家港市夏季送清凉活动`,
    season: { from: `${thisYear}-06-01`, to: `${thisYear}-09-30` },
    signup: { from: `${thisYear}-05-20`, to: `${thisYear}-09-15` },
    status: 'open',
    version: 2,
  };
}

/** The province's campaign: 张家港 takes part but does not run it (no 编辑, no status moves). */
export function provinceCampaign(): Campaign {
  return {
    ...openCampaign(),
    id: 'cp_provincejs0001',
    orgPath: '320000',
    title: `${thisYear}年江苏省送安全活动`,
  };
}

export function worksite(
  id: string,
  siteName: string,
  overrides: Partial<WorksiteSignup> = {},
): WorksiteSignup {
  return {
    id,
    campaignId: openCampaign().id,
    siteName,
    orgPath: `${zjg}/daxin`,
    orgName: '张家港市 › 大新镇',
    address: '大新镇长江路 88 号',
    outdoorWorkers: 40,
    highTempWorkers: 12,
    workerGroups: ['construction'],
    requested: [
      { kind: 'cool', items: ['water', 'mungbean'] },
      { kind: 'health', items: [] },
    ],
    preferredDates: [`${thisYear}-07-01`, `${thisYear}-07-03`],
    contactName: '王建国',
    contactPhoneMasked: '138****5678',
    status: 'pending',
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

export function volunteer(
  id: string,
  name: string,
  slots: Array<['am' | 'pm', string]>,
  overrides: Partial<VolunteerSignup> = {},
): VolunteerSignup {
  return {
    id,
    campaignId: openCampaign().id,
    userId: 'u_000000000000000000volunt',
    name,
    districts: [`${zjg}/daxin`],
    availability: slots.map(([slot, date]) => ({ date, slot })),
    skills: ['driving'],
    phoneMasked: '139****0001',
    status: 'approved',
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

/** A task as the board lists it. */
export function task(
  id: string,
  site: WorksiteSignup,
  who: VolunteerSignup,
  date: string,
  slot: 'am' | 'pm',
  overrides: Partial<Assignment> = {},
): Assignment {
  return {
    id,
    campaignId: openCampaign().id,
    campaignTitle: openCampaign().title,
    worksiteSignupId: site.id,
    volunteerSignupId: who.id,
    volunteerName: who.name,
    date,
    slot,
    status: 'assigned',
    site: {
      siteName: site.siteName,
      address: site.address,
      orgName: site.orgName,
      contactName: site.contactName,
      contactPhoneMasked: site.contactPhoneMasked,
      outdoorWorkers: site.outdoorWorkers,
      requested: site.requested,
    },
    history: [],
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}
