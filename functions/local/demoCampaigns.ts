import { type Campaign, type CampaignDraft, shanghaiDate, shiftDateByYears } from '@ankang/shared';

/** 张家港's catalog, as a county union typically runs 夏季安康"三送"; the dates are set per seed day. */
const zjgCatalog: Pick<CampaignDraft, 'orgPath' | 'kinds' | 'targetGroups'> = {
  orgPath: '320000/320500/320582',
  kinds: [
    {
      code: 'cool',
      name: '送清凉',
      items: [
        { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 },
        { code: 'mungbean', name: '绿豆', unit: '袋', unitCostFen: 1200 },
        { code: 'watermelon', name: '西瓜', unit: '个', unitCostFen: 2500 },
        { code: 'cool-pack', name: '清凉包', unit: '份', unitCostFen: 3500 },
      ],
    },
    {
      code: 'health',
      name: '送健康',
      items: [
        { code: 'huoxiang', name: '藿香正气水', unit: '盒', unitCostFen: 850 },
        { code: 'fengyoujing', name: '风油精', unit: '瓶', unitCostFen: 450 },
        { code: 'checkup', name: '健康体检', unit: '人次' },
      ],
    },
    {
      code: 'safety',
      name: '送安全',
      items: [
        { code: 'sleeves', name: '防晒袖套', unit: '副', unitCostFen: 900 },
        { code: 'training', name: '安全培训', unit: '场' },
      ],
    },
  ],
  targetGroups: ['sanitation', 'courier', 'foodDelivery', 'construction'],
};

const DAY_MS = 86_400_000;

/** The open demo campaign's id (sign-ups and assignments are seeded for it). */
export const DEMO_CAMPAIGN_ID = 'cp_demo0zjgthis';

/** The Shanghai date `days` after that of `at`. */
export function shanghaiDateAfter(at: Date, days: number): string {
  return shanghaiDate(new Date(at.getTime() + days * DAY_MS));
}

/**
 * This year's campaign runs around the seed day (season from 30 days before to 75 after, sign-ups
 * until day 60), so the demo and the tests that use it work on any calendar day, not only in
 * summer; last year's has the same dates a year earlier.
 */
function demoDates(at: Date, yearsBack: number): Pick<CampaignDraft, 'season' | 'signup'> {
  const shift = (date: string) => shiftDateByYears(date, -yearsBack);
  return {
    season: { from: shift(shanghaiDateAfter(at, -30)), to: shift(shanghaiDateAfter(at, 75)) },
    signup: { from: shift(shanghaiDateAfter(at, -30)), to: shift(shanghaiDateAfter(at, 60)) },
  };
}

/** A fresh copy of 张家港's catalog (the benches' campaigns carry it too). */
export function copiedCatalog(): Pick<
  CampaignDraft,
  'orgPath' | 'kinds' | 'targetGroups' | 'coolingAllowance'
> {
  return {
    orgPath: zjgCatalog.orgPath,
    kinds: zjgCatalog.kinds.map((kind) => ({ ...kind, items: kind.items.map((item) => ({ ...item })) })),
    targetGroups: [...zjgCatalog.targetGroups],
    // One 清凉包 per worker per day, redeemed with the worker's 清凉码 (the 保工普惠 pattern).
    coolingAllowance: { kind: 'cool', item: 'cool-pack', perWorkerPerDay: 1 },
  };
}

/**
 * Last summer's campaign (archived, to copy from) and this year's, open for sign-ups. Fixed ids so
 * seeding twice writes nothing new.
 */
export function demoCampaigns(at: Date): Campaign[] {
  const stamp = at.toISOString();
  const year = Number(shanghaiDate(at).slice(0, 4));
  const base = { version: 1, createdAt: stamp, updatedAt: stamp };
  const title = (y: number) => `${y}年张家港市夏季安康“三送”活动`;
  return [
    {
      ...copiedCatalog(),
      ...demoDates(at, 1),
      title: title(year - 1),
      id: 'cp_demo0zjglast',
      status: 'archived',
      ...base,
    },
    {
      ...copiedCatalog(),
      ...demoDates(at, 0),
      title: title(year),
      id: DEMO_CAMPAIGN_ID,
      status: 'open',
      ...base,
    },
  ];
}
