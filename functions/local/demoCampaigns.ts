import { type Campaign, type CampaignDraft, copyCampaignForYear, shanghaiDate } from '@ankang/shared';

/** 张家港's catalog, as a county union typically runs 夏季安康"三送". */
const zjgLastYear: CampaignDraft = {
  orgPath: '320000/320500/320582',
  title: '2025年张家港市夏季安康“三送”活动',
  season: { from: '2025-06-15', to: '2025-09-15' },
  signup: { from: '2025-06-01', to: '2025-08-31' },
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

/**
 * Last summer's campaign (archived, to copy from) and this year's, open for sign-ups. Fixed ids so
 * seeding twice writes nothing new.
 */
export function demoCampaigns(at: Date): Campaign[] {
  const stamp = at.toISOString();
  const year = Number(shanghaiDate(at).slice(0, 4));
  const base = { version: 1, createdAt: stamp, updatedAt: stamp };
  return [
    {
      ...zjgLastYear,
      ...copyCampaignForYear(zjgLastYear, year - 1),
      id: 'cp_demo0zjglast',
      status: 'archived',
      ...base,
    },
    { ...copyCampaignForYear(zjgLastYear, year), id: 'cp_demo0zjgthis', status: 'open', ...base },
  ];
}
