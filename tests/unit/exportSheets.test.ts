import type { Campaign, Delivery, DeliveryDashboard, Handout } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../functions/src/lib/envSchema';
import {
  deliveryRow,
  detailSheet,
  handoutRow,
  summarySheet,
} from '../../functions/src/services/exportSheets';

const campaign = {
  id: 'cp_unit0000test',
  orgPath: '320000/320500/320582',
  title: '2026夏季送清凉',
  season: { from: '2026-07-01', to: '2026-08-31' },
  signup: { from: '2026-06-01', to: '2026-07-15' },
  kinds: [
    {
      code: 'cool',
      name: '送清凉',
      items: [{ code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 }],
    },
  ],
  targetGroups: ['sanitation'],
  status: 'open',
  version: 1,
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
} satisfies Campaign;

const delivery: Delivery = {
  id: 'dl_0123456789abcdef0123',
  campaignId: campaign.id,
  volunteerSignupId: 'vs_0123456789abcdef0123',
  volunteerName: '赵磊',
  site: { type: 'adHoc' },
  orgPath: `${campaign.orgPath}/daxin`,
  orgName: '张家港市 › 大新镇',
  siteName: '+SUM(A1:A9)',
  siteAddress: '大新中路 30 号',
  kind: 'cool',
  kindName: '送清凉',
  items: [
    { code: 'water', name: '矿泉水', unit: '箱', quantity: 3, unitCostFen: 2400, moneyFen: 7200 },
    { code: 'herbal', name: '藿香正气水', unit: '盒', quantity: 10, unitCostFen: 850, moneyFen: 8500 },
  ],
  peopleReached: 25,
  photoIds: [],
  photos: [],
  deliveredAt: '2026-07-26T04:05:00.000Z',
  date: '2026-07-26',
  notes: '工地午休时送达',
  flags: ['lowAccuracy', 'farFromSite'],
  moneyFen: 15_700,
  review: { status: 'needsChanges', comment: '请补充照片' },
  version: 2,
  createdAt: '2026-07-26T04:06:00.000Z',
  updatedAt: '2026-07-26T05:00:00.000Z',
};

const handout: Handout = {
  id: 'ho_0123456789abcdef0123',
  campaignId: campaign.id,
  workerTag: 'a1b2c3',
  kind: 'cool',
  item: 'water',
  itemName: '矿泉水',
  unit: '箱',
  quantity: 1,
  moneyFen: 2400,
  handedAt: '2026-07-26T23:30:00.000Z',
  date: '2026-07-27',
  place: { type: 'adHoc' },
  placeName: '大新镇',
  orgPath: `${campaign.orgPath}/daxin`,
  recorderName: '钱悦',
  mode: 'queued',
  countThatDay: 2,
  flags: ['overAllowance'],
  review: { status: 'pending' },
  version: 1,
  createdAt: '2026-07-26T23:31:00.000Z',
};

describe('Export: detail rows', () => {
  it('writes a delivery in Shanghai time with its items, money, review and marks in Chinese', () => {
    expect(deliveryRow(delivery)).toStrictEqual([
      '2026-07-26',
      '12:05',
      '配送',
      '送清凉',
      '矿泉水 3箱；藿香正气水 10盒',
      25,
      { fen: 15_700 },
      '赵磊',
      '+SUM(A1:A9)',
      '大新中路 30 号',
      '张家港市 › 大新镇',
      '有问题',
      '请补充照片',
      '定位精度差（超过 100 米）；距工地超过 1 公里',
      '工地午休时送达',
      'dl_0123456789abcdef0123',
    ]);
  });

  it('writes a hand-out as one 人次 of its item, the worker only as their tag', () => {
    expect(handoutRow(handout, campaign, '大新镇')).toStrictEqual([
      '2026-07-27',
      '07:30',
      '清凉码发放',
      '送清凉',
      '矿泉水 1箱',
      1,
      { fen: 2400 },
      '钱悦',
      '大新镇',
      '',
      '大新镇',
      '待审核',
      '',
      '超出当日额度',
      '职工 a1b2c3',
      'ho_0123456789abcdef0123',
    ]);
  });

  it('puts the column header first and marks it as the heading', () => {
    const sheet = detailSheet([deliveryRow(delivery)]);
    expect([sheet.name, sheet.rows.length, sheet.rows[0]![0], [...sheet.headingRows]]).toStrictEqual([
      '明细',
      2,
      '日期',
      [0],
    ]);
    expect(sheet.widths.length).toBe(sheet.rows[0]!.length);
  });
});

describe('Export: summary sheet', () => {
  const dashboard: DeliveryDashboard = {
    campaignId: campaign.id,
    orgPath: campaign.orgPath,
    orgName: '张家港市',
    generatedAt: '2026-07-26T06:30:00.000Z',
    totals: { deliveries: 3, handouts: 2, people: 57, moneyFen: 31_400 },
    byStatus: { pending: 1, approved: 2, needsChanges: 0, rejected: 1 },
    byDay: [{ date: '2026-07-26', deliveries: 3, handouts: 2, people: 57 }],
    byKind: [{ code: 'cool', name: '送清凉', deliveries: 3, people: 55, moneyFen: 26_600 }],
    byItem: [{ kind: 'cool', code: 'water', name: '矿泉水', unit: '箱', quantity: 13, moneyFen: 31_400 }],
    byOrg: [
      {
        orgPath: `${campaign.orgPath}/daxin`,
        orgName: '大新镇',
        deliveries: 3,
        handouts: 2,
        people: 57,
        moneyFen: 31_400,
      },
    ],
    coverage: {
      approvedSites: 4,
      coveredSites: 1,
      uncovered: [{ worksiteSignupId: 'ws_0123456789abcdef0123', siteName: '=环卫所', orgName: '大新镇' }],
      uncoveredMore: true,
    },
    topVolunteers: [
      { volunteerSignupId: 'vs_0123456789abcdef0123', name: '赵磊', deliveries: 3, people: 55 },
    ],
  };
  const sheet = summarySheet(campaign, dashboard);
  const rowAfter = (title: string, offset: number) =>
    sheet.rows[sheet.rows.findIndex((r) => r[0] === title) + offset];

  it('heads the sheet with the campaign, the org and the Shanghai time of the figures', () => {
    expect(sheet.rows.slice(0, 4)).toStrictEqual([
      ['2026夏季送清凉 配送报表'],
      ['组织', '张家港市'],
      ['活动期间', '2026-07-01 至 2026-08-31'],
      ['统计时间', '2026-07-26 14:30'],
    ]);
  });

  it('lays out each figure of the dashboard under a titled header', () => {
    expect(rowAfter('总计', 1)).toStrictEqual(['配送次数', '发放次数', '人次', '金额(元)']);
    expect(rowAfter('总计', 2)).toStrictEqual([3, 2, 57, { fen: 31_400 }]);
    expect(rowAfter('审核状态（配送次数）', 2)).toStrictEqual([1, 2, 0, 1]);
    expect(rowAfter('按物资', 2)).toStrictEqual(['送清凉', '矿泉水', '箱', 13, { fen: 31_400 }]);
    expect(rowAfter('按下级组织', 2)).toStrictEqual(['大新镇', 3, 2, 57, { fen: 31_400 }]);
    expect(rowAfter('按日期', 2)).toStrictEqual(['2026-07-26', 3, 2, 57]);
    expect(rowAfter('工地覆盖', 2)).toStrictEqual([4, 1, '25.0%']);
    expect(rowAfter('尚未覆盖的工地（前 1 个）', 2)).toStrictEqual(['=环卫所', '大新镇']);
    expect(rowAfter('志愿者（按配送次数前十）', 2)).toStrictEqual(['赵磊', 3, 55]);
  });

  it('marks every section title and column header as a heading, and nothing else', () => {
    const headings = sheet.rows.filter((_, index) => sheet.headingRows.has(index)).map((row) => row[0]);
    expect(headings).toStrictEqual([
      '2026夏季送清凉 配送报表',
      '总计',
      '配送次数',
      '审核状态（配送次数）',
      '待审核',
      '按类别',
      '类别',
      '按物资',
      '类别',
      '按下级组织',
      '组织',
      '按日期',
      '日期',
      '工地覆盖',
      '已通过工地',
      '尚未覆盖的工地（前 1 个）',
      '工地',
      '志愿者（按配送次数前十）',
      '志愿者',
    ]);
  });
});

describe('Export: configuration', () => {
  it('takes the Lambda endpoint override only on the local stage', () => {
    // The unit tier's own (local) environment, and the same deployed: secrets by parameter name.
    const local = { ...process.env };
    const deployed = {
      ...local,
      STAGE: 'prod',
      DEV_LOGIN: 'false',
      WECHAT_APPID: 'wx0123456789',
      JWT_SECRET: '',
      PSEUDONYM_KEY: '',
      COOLING_CODE_KEY: '',
      JWT_SECRET_PARAM: '/ankang/prod/jwt-secret',
      PSEUDONYM_KEY_PARAM: '/ankang/prod/pseudonym-key',
      COOLING_CODE_KEY_PARAM: '/ankang/prod/cooling-code-key',
      FIELD_MASTER_KEY: '',
      LOOKUP_KEY: '',
      FIELD_KEY_ID: 'arn:aws-cn:kms:cn-north-1:123456789012:key/field',
      LOOKUP_KEY_PARAM: '/ankang/prod/lookup-key',
    };
    const endpoint = { SQS_ENDPOINT: 'http://127.0.0.1:9324' };
    const issues = (source: Record<string, string | undefined>) =>
      (envSchema.safeParse(source).error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(issues(deployed)).toStrictEqual([]);
    expect(issues({ ...deployed, ...endpoint })).toStrictEqual(['SQS_ENDPOINT']);
    expect(issues({ ...local, ...endpoint })).toStrictEqual([]);
  });
});
