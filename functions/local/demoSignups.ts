import type { AvailabilitySlot } from '@ankang/shared';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from '../src/db/signupRecords';
import { DEMO_CAMPAIGN_ID, shanghaiDateAfter } from './demoCampaigns';
import { demoUserId } from './demoData';

/** The seeded worksite sign-ups of this year's 张家港 campaign, one constant per state shown. */
export const demoWorksiteSignupIds = {
  /** 大新镇环卫所, pending. */
  daxinSanitation: 'ws_demo0zjgsite0001',
  /** 快递分拨中心 in 杨舍, pending. */
  courierHub: 'ws_demo0zjgsite0002',
  /** A building site by 暨阳湖, approved. */
  buildingSite: 'ws_demo0zjgsite0003',
  /** A food-delivery station in 大新镇, approved. */
  riderStation: 'ws_demo0zjgsite0004',
  /** The town's sanitation depot in 杨舍, approved. */
  citySanitation: 'ws_demo0zjgsite0005',
  /** A logistics park's loading yard in 大新镇, declined with a reason. */
  logisticsYard: 'ws_demo0zjgsite0006',
} as const;

/** The seeded volunteer sign-ups: 赵磊 and 钱悦 approved, 孙浩 pending, 黄大勇 declined. */
export const demoVolunteerSignupIds = {
  zhaoLei: 'vs_demo0zjgvol00001',
  qianYue: 'vs_demo0zjgvol00002',
  sunHao: 'vs_demo0zjgvol00003',
  huangDayong: 'vs_demo0zjgvol00004',
} as const;

const ZJG = '320000/320500/320582';
const DAXIN = '320000/320500/320582/daxin';
const HOUR_MS = 3_600_000;

/** A decision made at the seed time, by the staff member named. */
const reviewAt = (at: Date, by: string, reason?: string) => ({
  by,
  at: at.toISOString(),
  ...(reason ? { reason } : {}),
});

/** A stamp `hours` before the seed time, so the queues have an order. */
const before = (at: Date, hours: number) => new Date(at.getTime() - hours * HOUR_MS).toISOString();

/** Half days on the days `from`…`to` after the seed day; `slots` picks which half days each day. */
function availability(
  at: Date,
  from: number,
  to: number,
  slots: (day: number) => AvailabilitySlot['slot'][],
): AvailabilitySlot[] {
  const result: AvailabilitySlot[] = [];
  for (let day = from; day <= to; day += 1) {
    for (const slot of slots(day)) result.push({ date: shanghaiDateAfter(at, day), slot });
  }
  return result;
}

type WorksiteSeed = Omit<
  WorksiteSignupRecord,
  'id' | 'campaignId' | 'version' | 'createdAt' | 'updatedAt' | 'requestId' | 'preferredDates'
> & { id: string; hoursAgo: number; preferredDays: number[] };

function worksiteSeeds(at: Date): WorksiteSeed[] {
  const staff = (by: string, reason?: string) => reviewAt(at, by, reason);
  return [
    {
      id: demoWorksiteSignupIds.daxinSanitation,
      hoursAgo: 5,
      siteName: '大新镇环卫所',
      orgPath: DAXIN,
      orgName: '张家港市 › 大新镇',
      address: '张家港市大新镇大新中路 18 号',
      location: { lat: 31.9721, lng: 120.5124 },
      outdoorWorkers: 46,
      highTempWorkers: 30,
      workerGroups: ['sanitation'],
      requested: [
        { kind: 'cool', items: ['water', 'mungbean'] },
        { kind: 'health', items: ['huoxiang'] },
      ],
      preferredDays: [3, 4],
      contactName: '陆国平',
      status: 'pending',
      applicantUserId: demoUserId({ key: 'worker-sanitation' }),
      contactPhone: '13962310021',
    },
    {
      id: demoWorksiteSignupIds.courierHub,
      hoursAgo: 4,
      siteName: '杨舍快递分拨中心',
      orgPath: ZJG,
      orgName: '张家港市',
      address: '张家港市杨舍镇港城大道 1288 号',
      location: { lat: 31.8853, lng: 120.5721 },
      outdoorWorkers: 120,
      highTempWorkers: 35,
      workerGroups: ['courier', 'truckDriver'],
      requested: [
        { kind: 'cool', items: ['water', 'cool-pack'] },
        { kind: 'safety', items: ['sleeves'] },
      ],
      preferredDays: [6],
      contactName: '周丽萍',
      note: '夜班分拣人员较多，希望傍晚送达',
      status: 'pending',
      applicantUserId: demoUserId({ key: 'worker-courier' }),
      contactPhone: '0512-58681234',
    },
    {
      id: demoWorksiteSignupIds.buildingSite,
      hoursAgo: 30,
      siteName: '暨阳湖东住宅项目建筑工地',
      orgPath: ZJG,
      orgName: '张家港市',
      address: '张家港市杨舍镇暨阳湖东路与沙洲路交叉口',
      location: { lat: 31.8552, lng: 120.5603 },
      outdoorWorkers: 210,
      highTempWorkers: 160,
      workerGroups: ['construction', 'truckDriver'],
      requested: [
        { kind: 'cool', items: ['water', 'watermelon'] },
        { kind: 'health', items: ['huoxiang', 'checkup'] },
        { kind: 'safety', items: ['training'] },
      ],
      preferredDays: [2, 5],
      contactName: '黄大勇',
      status: 'approved',
      review: staff('李敏'),
      applicantUserId: demoUserId({ key: 'worker-builder' }),
      contactPhone: '13812345678',
    },
    {
      id: demoWorksiteSignupIds.riderStation,
      hoursAgo: 28,
      siteName: '大新镇外卖配送站',
      orgPath: DAXIN,
      orgName: '张家港市 › 大新镇',
      address: '张家港市大新镇新东路 66 号',
      location: { lat: 31.9853, lng: 120.5302 },
      outdoorWorkers: 38,
      highTempWorkers: 38,
      workerGroups: ['foodDelivery'],
      requested: [
        { kind: 'cool', items: ['water', 'cool-pack'] },
        { kind: 'health', items: ['fengyoujing'] },
      ],
      preferredDays: [3],
      contactName: '马骏',
      status: 'approved',
      review: staff('顾晓东'),
      applicantUserId: demoUserId({ key: 'worker-rider' }),
      contactPhone: '15962480034',
    },
    {
      id: demoWorksiteSignupIds.citySanitation,
      hoursAgo: 26,
      siteName: '杨舍镇城区环卫管理所',
      orgPath: ZJG,
      orgName: '张家港市',
      address: '张家港市杨舍镇人民中路 88 号',
      location: { lat: 31.8751, lng: 120.5412 },
      outdoorWorkers: 85,
      highTempWorkers: 60,
      workerGroups: ['sanitation'],
      requested: [
        { kind: 'cool', items: ['water', 'mungbean', 'watermelon'] },
        { kind: 'safety', items: ['sleeves'] },
      ],
      preferredDays: [4, 7],
      contactName: '刘建华',
      status: 'approved',
      review: staff('李敏'),
      applicantUserId: demoUserId({ key: 'worker-sanitation' }),
      contactPhone: '13962310021',
    },
    {
      id: demoWorksiteSignupIds.logisticsYard,
      hoursAgo: 50,
      siteName: '大新镇物流园装卸作业区',
      orgPath: DAXIN,
      orgName: '张家港市 › 大新镇',
      address: '张家港市大新镇港丰公路 9 号物流园',
      location: { lat: 31.9902, lng: 120.4911 },
      outdoorWorkers: 24,
      highTempWorkers: 10,
      workerGroups: ['truckDriver', 'other'],
      requested: [{ kind: 'cool', items: ['water'] }],
      preferredDays: [8],
      contactName: '张小伟',
      status: 'declined',
      review: staff('顾晓东', '该物流园已由企业自行发放防暑物资，本次不再安排上门'),
      applicantUserId: demoUserId({ key: 'worker-courier' }),
      contactPhone: '18906241155',
    },
  ];
}

/**
 * The worksite sign-ups of this year's demo campaign: two waiting for review, three approved (for
 * the assignment board), one declined with its reason. Dates count from the seed day.
 */
export function demoWorksiteSignups(at: Date): WorksiteSignupRecord[] {
  return worksiteSeeds(at).map(({ hoursAgo, preferredDays, ...seed }, index) => {
    const stamp = before(at, hoursAgo);
    return {
      ...seed,
      campaignId: DEMO_CAMPAIGN_ID,
      preferredDates: preferredDays.map((day) => shanghaiDateAfter(at, day)),
      version: seed.status === 'pending' ? 1 : 2,
      createdAt: stamp,
      updatedAt: seed.review ? at.toISOString() : stamp,
      requestId: `demo-seed-worksite-${index + 1}`,
    };
  });
}

/**
 * The volunteer sign-ups: 赵磊 and 钱悦 approved with half days over the next two weeks (so the
 * board has people to assign), 孙浩 waiting, 黄大勇 declined with a reason.
 */
export function demoVolunteerSignups(at: Date): VolunteerSignupRecord[] {
  const reviewed = (by: string, reason?: string) => ({
    review: reviewAt(at, by, reason),
    version: 2,
    updatedAt: at.toISOString(),
  });
  const base = (hoursAgo: number, index: number) => ({
    campaignId: DEMO_CAMPAIGN_ID,
    createdAt: before(at, hoursAgo),
    updatedAt: before(at, hoursAgo),
    version: 1,
    requestId: `demo-seed-volunteer-${index}`,
  });
  return [
    {
      ...base(72, 1),
      id: demoVolunteerSignupIds.zhaoLei,
      userId: demoUserId({ key: 'volunteer-1' }),
      name: '赵磊',
      districts: [ZJG],
      availability: availability(at, 1, 14, () => ['am', 'pm']),
      skills: ['driving'],
      status: 'approved',
      phone: '13962310001',
      ...reviewed('李敏'),
    },
    {
      ...base(70, 2),
      id: demoVolunteerSignupIds.qianYue,
      userId: demoUserId({ key: 'volunteer-2' }),
      name: '钱悦',
      districts: [DAXIN, ZJG],
      availability: availability(at, 1, 14, (day) => (day % 2 === 0 ? ['am', 'pm'] : ['pm'])),
      skills: ['medical'],
      status: 'approved',
      phone: '13962310002',
      ...reviewed('李敏'),
    },
    {
      ...base(6, 3),
      id: demoVolunteerSignupIds.sunHao,
      userId: demoUserId({ key: 'volunteer-3' }),
      name: '孙浩',
      districts: [DAXIN],
      availability: availability(at, 3, 10, () => ['am']),
      skills: ['safetyTraining'],
      status: 'pending',
      phone: '13962310003',
    },
    {
      ...base(60, 4),
      id: demoVolunteerSignupIds.huangDayong,
      userId: demoUserId({ key: 'worker-builder' }),
      name: '黄大勇',
      districts: [ZJG],
      availability: availability(at, 2, 6, () => ['pm']),
      skills: ['driving'],
      status: 'declined',
      phone: '13812345678',
      ...reviewed('李敏', '本期志愿者名额已满，欢迎参加下一期活动'),
    },
  ];
}
