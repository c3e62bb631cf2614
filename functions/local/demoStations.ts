import { createHash } from 'node:crypto';
import {
  type AmenityCode,
  type HostType,
  type HoursException,
  type OpeningHoursInput,
  type Station,
  stationSchema,
  type WeeklyPeriod,
} from '@ankang/shared';
import { userIdForOpenid } from '../src/lib/ids';

/**
 * Demo stations around 张家港 and 苏州 for `npm start` and the test tiers. Ids derive from the
 * external id, so seeding is idempotent; times are relative to the seeding moment, so "verified 3
 * days ago" and "reopens in 5 days" stay true whenever the demo is started.
 */

const ZJG = '320000/320500/320582';
const DAXIN = '320000/320500/320582/daxin';
const SZ = '320000/320500';
const SIP = '320000/320500/320571';

const DAY_MS = 86_400_000;
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const workdays = [1, 2, 3, 4, 5];
const weekend = [6, 7];

type Span = `${string}-${string}`;

function periods(spans: Span[]): { open: string; close: string }[] {
  return spans.map((span) => {
    const [open, close] = span.split('-') as [string, string];
    return { open, close };
  });
}

function week(days: number[], ...spans: Span[]): WeeklyPeriod[] {
  return days.flatMap((day) => periods(spans).map((period) => ({ day, ...period })));
}

/** Consecutive local dates from `first`, e.g. the seven days of 国庆. */
function dates(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

const nationalDay = dates('2026-10-01', 7);
/** 2027 春节: 除夕 is 2027-02-05. */
const springFestival = dates('2027-02-05', 7);

function closedOn(days: string[], note: string): HoursException[] {
  return days.map((date) => ({ date, closed: true, periods: [], note }));
}

function shortOn(days: string[], note: string, ...spans: Span[]): HoursException[] {
  return days.map((date) => ({ date, closed: false, periods: periods(spans), note }));
}

const allDay: OpeningHoursInput = { alwaysOpen: true };
/** What a union-built flagship station (工会自建服务站) offers. */
const flagshipAmenities: AmenityCode[] = [
  'water',
  'fridge',
  'microwave',
  'charging',
  'toilet',
  'seating',
  'aircon',
  'firstAid',
  'wifi',
  'books',
];
const summer = { from: '06-01', to: '09-30' };

interface DemoStationSpec {
  externalId: string;
  name: string;
  address: string;
  district: string;
  orgPath: string;
  at: [lng: number, lat: number];
  host: HostType;
  amenities: AmenityCode[];
  hours: OpeningHoursInput;
  phone?: string;
  bestYears?: number[];
  /** Days since staff last checked it; never checked when absent. */
  verified?: number;
  /** How many gave 1…5 stars. */
  stars?: [number, number, number, number, number];
  /** 暂停开放 with a reason, reopening after `days` (open-ended without). */
  pause?: { reason: string; days?: number };
  /** 已停用 with a reason. */
  closed?: string;
}

/** The demo staff member who checks stations under each org path. */
const verifiers: Record<string, string> = {
  [ZJG]: 'staff-zjg',
  [DAXIN]: 'staff-daxin',
  [SZ]: 'staff-sz',
  [SIP]: 'staff-sip',
};

function verifierOf(orgPath: string): string {
  return userIdForOpenid(`demo:${verifiers[orgPath] ?? 'staff-js'}`);
}

export function demoStationId(externalId: string): string {
  return `st_${createHash('sha256').update(`demo-station:${externalId}`).digest('hex').slice(0, 20)}`;
}

function toStation(spec: DemoStationSpec, now: Date): Station {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const stars = spec.stars ?? [0, 0, 0, 0, 0];
  const count = stars.reduce((sum, n) => sum + n, 0);
  const total = stars.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const createdAt = ago(420);
  const lastVerifiedAt = spec.verified === undefined ? null : ago(spec.verified);
  const status = spec.closed
    ? { state: 'closed', reason: spec.closed }
    : spec.pause
      ? {
          state: 'temporarilyClosed',
          reason: spec.pause.reason,
          ...(spec.pause.days
            ? { until: new Date(now.getTime() + spec.pause.days * DAY_MS).toISOString() }
            : {}),
        }
      : { state: 'open' };
  return stationSchema.parse({
    id: demoStationId(spec.externalId),
    externalId: spec.externalId,
    name: spec.name,
    address: spec.address,
    district: spec.district,
    orgPath: spec.orgPath,
    location: { lng: spec.at[0], lat: spec.at[1] },
    hostType: spec.host,
    amenities: spec.amenities,
    hours: spec.hours,
    ...(spec.phone ? { phone: spec.phone } : {}),
    bestYears: spec.bestYears ?? [],
    status,
    photos: [],
    photosVersion: 0,
    lastVerifiedAt,
    lastVerifiedBy: lastVerifiedAt ? verifierOf(spec.orgPath) : null,
    rating: { count, average: count ? Math.round((total / count) * 10) / 10 : 0, stars },
    openReports: 0,
    version: 1,
    createdAt,
    updatedAt: lastVerifiedAt ?? createdAt,
  });
}

const specs: DemoStationSpec[] = [
  // 张家港市 杨舍镇 (city centre)
  {
    externalId: 'ZJG-0001',
    name: '张家港市总工会杨舍镇户外劳动者服务站',
    address: '张家港市杨舍镇人民中路99号工人文化宫一楼',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5531, 31.8744],
    host: 'union',
    amenities: flagshipAmenities,
    hours: {
      weekly: week(everyDay, '07:00-21:00'),
      exceptions: shortOn(nationalDay, '国庆节', '08:00-18:00'),
    },
    phone: '0512-58681001',
    bestYears: [2024, 2025],
    verified: 3,
    stars: [0, 1, 2, 14, 41],
  },
  {
    externalId: 'ZJG-0002',
    name: '中国银行张家港分行营业部爱心驿站',
    address: '张家港市杨舍镇人民东路18号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5602, 31.8761],
    host: 'bank',
    amenities: ['water', 'charging', 'seating', 'aircon', 'toilet', 'rainGear'],
    hours: {
      weekly: [...week(workdays, '08:30-17:00'), ...week(weekend, '09:00-16:00')],
      exceptions: [...closedOn(nationalDay, '国庆节'), ...closedOn(springFestival, '春节')],
    },
    phone: '0512-58672256',
    verified: 40,
    stars: [0, 0, 3, 9, 12],
  },
  {
    externalId: 'ZJG-0003',
    name: '中石化港城加油站工会驿站',
    address: '张家港市杨舍镇港城大道688号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5748, 31.8623],
    host: 'gasStation',
    amenities: ['water', 'toilet', 'charging', 'microwave', 'seating'],
    hours: allDay,
    phone: '0512-58193312',
    bestYears: [2023],
    verified: 120,
    stars: [1, 0, 2, 6, 8],
  },
  {
    externalId: 'ZJG-0004',
    name: '暨阳湖商圈外卖骑手爱心驿站',
    address: '张家港市杨舍镇暨阳湖商业街3幢102室',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5318, 31.8579],
    host: 'enterprise',
    amenities: ['charging', 'water', 'microwave', 'seating', 'rainGear', 'toolkit'],
    // Riders work the lunch rush and late into the night.
    hours: { weekly: week(everyDay, '10:30-14:00', '17:30-02:00') },
    phone: '13914901234',
    verified: 12,
    stars: [0, 1, 1, 5, 19],
  },
  {
    externalId: 'ZJG-0005',
    name: '苏果超市步行街店爱心驿站',
    address: '张家港市杨舍镇步行街168号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5486, 31.8718],
    host: 'supermarket',
    amenities: ['water', 'toilet', 'seating', 'aircon', 'fridge'],
    hours: {
      weekly: week(everyDay, '07:30-22:00'),
      exceptions: shortOn(['2027-02-05'], '除夕', '07:30-17:00'),
    },
    phone: '0512-58255818',
    verified: 95,
  },
  {
    externalId: 'ZJG-0006',
    name: '杨舍镇城北社区服务中心工会驿站',
    address: '张家港市杨舍镇城北路52号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5477, 31.8902],
    host: 'community',
    amenities: ['water', 'seating', 'toilet', 'firstAid', 'books'],
    hours: {
      weekly: [...week(workdays, '08:30-11:30', '13:30-17:30'), ...week([6], '09:00-12:00')],
      exceptions: closedOn(nationalDay, '国庆节'),
    },
    phone: '0512-58156620',
  },
  {
    externalId: 'ZJG-0007',
    name: '张家港市环卫处东城作业点驿站',
    address: '张家港市杨舍镇东二环路与长安路交叉口东北角',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5903, 31.8812],
    host: 'government',
    amenities: ['water', 'microwave', 'seating', 'toilet', 'aircon', 'fridge'],
    // 环卫工 start before dawn.
    hours: { weekly: week(everyDay, '04:30-20:00') },
    phone: '0512-58693047',
    verified: 7,
    stars: [0, 0, 0, 3, 11],
  },
  {
    externalId: 'ZJG-0008',
    name: '中国农业银行张家港塘市支行爱心驿站',
    address: '张家港市杨舍镇塘市东街8号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    at: [120.5253, 31.8951],
    host: 'bank',
    amenities: ['water', 'seating', 'aircon', 'charging'],
    hours: { weekly: week(workdays, '08:30-17:00'), exceptions: closedOn(nationalDay, '国庆节') },
    phone: '0512-58511032',
    pause: { reason: '网点装修，暂停开放', days: 12 },
    verified: 20,
  },
  // 金港镇 / 保税区
  {
    externalId: 'ZJG-0009',
    name: '金港镇总工会户外劳动者服务站',
    address: '张家港市金港镇长江中路200号',
    district: '张家港市 金港镇',
    orgPath: ZJG,
    at: [120.4152, 31.9548],
    host: 'union',
    amenities: ['water', 'fridge', 'microwave', 'charging', 'toilet', 'seating', 'aircon', 'firstAid'],
    hours: {
      weekly: week(everyDay, '07:00-19:00'),
      exceptions: shortOn(nationalDay, '国庆节', '09:00-17:00'),
    },
    phone: '0512-58791126',
    bestYears: [2025],
    verified: 30,
    stars: [0, 0, 1, 4, 9],
  },
  {
    externalId: 'ZJG-0010',
    name: '中石油张家港保税区加油站工会驿站',
    address: '张家港市金港镇保税区北京路15号',
    district: '张家港市 保税区',
    orgPath: ZJG,
    at: [120.4406, 31.9652],
    host: 'gasStation',
    amenities: ['water', 'toilet', 'charging', 'seating'],
    hours: allDay,
    phone: '0512-58320089',
    verified: 200,
  },
  {
    externalId: 'ZJG-0011',
    name: '张家港港务集团码头职工驿站',
    address: '张家港市金港镇港区港华路1号',
    district: '张家港市 金港镇',
    orgPath: ZJG,
    at: [120.4003, 31.9607],
    host: 'enterprise',
    amenities: ['water', 'microwave', 'toilet', 'seating', 'aircon', 'firstAid', 'fridge'],
    hours: allDay,
    phone: '0512-58396600',
    bestYears: [2022, 2024],
    verified: 15,
    stars: [0, 0, 0, 2, 7],
  },
  {
    externalId: 'ZJG-0012',
    name: '后塍社区服务中心工会驿站',
    address: '张家港市金港镇后塍南街36号',
    district: '张家港市 金港镇',
    orgPath: ZJG,
    at: [120.4648, 31.9247],
    host: 'community',
    amenities: ['water', 'seating', 'toilet', 'books'],
    hours: {
      weekly: week(workdays, '08:00-11:30', '13:30-17:00'),
      exceptions: closedOn(nationalDay, '国庆节'),
    },
    phone: '0512-58712045',
    verified: 150,
  },
  // 塘桥镇
  {
    externalId: 'ZJG-0013',
    name: '塘桥镇富民广场夏季纳凉驿站',
    address: '张家港市塘桥镇富民中路富民广场东侧',
    district: '张家港市 塘桥镇',
    orgPath: ZJG,
    at: [120.6335, 31.8431],
    host: 'union',
    amenities: ['water', 'fridge', 'seating', 'aircon', 'firstAid'],
    // Opens for the heat season only.
    hours: { weekly: week(everyDay, '08:00-20:00'), season: summer },
    phone: '0512-58430217',
    verified: 60,
    stars: [0, 0, 1, 3, 6],
  },
  {
    externalId: 'ZJG-0014',
    name: '中国工商银行张家港塘桥支行爱心驿站',
    address: '张家港市塘桥镇人民中路129号',
    district: '张家港市 塘桥镇',
    orgPath: ZJG,
    at: [120.6281, 31.8384],
    host: 'bank',
    amenities: ['water', 'seating', 'aircon', 'charging', 'rainGear'],
    hours: {
      weekly: [...week(workdays, '08:30-17:00'), ...week(weekend, '09:00-12:00')],
      exceptions: [...closedOn(nationalDay, '国庆节'), ...closedOn(springFestival, '春节')],
    },
    phone: '0512-58437765',
    verified: 88,
  },
  // 锦丰镇
  {
    externalId: 'ZJG-0015',
    name: '沙钢集团职工驿站',
    address: '张家港市锦丰镇沙钢大道1号',
    district: '张家港市 锦丰镇',
    orgPath: ZJG,
    at: [120.6452, 31.9403],
    host: 'enterprise',
    amenities: [
      'water',
      'fridge',
      'microwave',
      'charging',
      'toilet',
      'seating',
      'aircon',
      'firstAid',
      'toolkit',
    ],
    hours: allDay,
    phone: '0512-58568888',
    bestYears: [2022, 2024],
    verified: 5,
    stars: [0, 0, 1, 6, 22],
  },
  {
    externalId: 'ZJG-0016',
    name: '锦丰镇三兴社区服务中心工会驿站',
    address: '张家港市锦丰镇三兴街道兴业路7号',
    district: '张家港市 锦丰镇',
    orgPath: ZJG,
    at: [120.6116, 31.9618],
    host: 'community',
    amenities: ['water', 'seating'],
    hours: { weekly: week(workdays, '08:30-16:30') },
    closed: '社区服务中心搬迁，驿站撤并',
    verified: 300,
  },
  // 凤凰镇
  {
    externalId: 'ZJG-0017',
    name: '凤凰镇总工会户外劳动者服务站',
    address: '张家港市凤凰镇凤凰大道88号',
    district: '张家港市 凤凰镇',
    orgPath: ZJG,
    at: [120.6251, 31.7553],
    host: 'union',
    amenities: ['water', 'microwave', 'toilet', 'seating', 'aircon', 'firstAid', 'books'],
    hours: {
      weekly: [...week(workdays, '08:00-11:30', '13:00-17:30'), ...week(weekend, '09:00-16:00')],
      exceptions: closedOn(springFestival, '春节'),
    },
    phone: '0512-58410136',
    verified: 45,
    stars: [0, 1, 2, 4, 5],
  },
  {
    externalId: 'ZJG-0018',
    name: '凤凰山景区游客中心驿站',
    address: '张家港市凤凰镇凤凰山路1号游客中心',
    district: '张家港市 凤凰镇',
    orgPath: ZJG,
    at: [120.6402, 31.7481],
    host: 'other',
    amenities: ['water', 'toilet', 'seating', 'firstAid'],
    hours: { weekly: week(everyDay, '08:30-17:00'), season: summer },
    verified: 100,
  },
  // 乐余镇
  {
    externalId: 'ZJG-0019',
    name: '中石化乐余加油站工会驿站',
    address: '张家港市乐余镇乐红路58号',
    district: '张家港市 乐余镇',
    orgPath: ZJG,
    at: [120.7154, 31.9352],
    host: 'gasStation',
    amenities: ['water', 'toilet', 'charging', 'microwave'],
    hours: allDay,
    phone: '0512-58631190',
    verified: 25,
  },
  // 大新镇
  {
    externalId: 'ZJG-0020',
    name: '大新镇社区服务中心工会驿站',
    address: '张家港市大新镇新东街38号',
    district: '张家港市 大新镇',
    orgPath: DAXIN,
    at: [120.5203, 31.9721],
    host: 'community',
    amenities: ['water', 'fridge', 'microwave', 'toilet', 'seating', 'aircon', 'firstAid', 'books'],
    hours: {
      weekly: week(everyDay, '07:30-20:00'),
      exceptions: shortOn(nationalDay, '国庆节', '08:00-17:00'),
    },
    phone: '0512-58700236',
    bestYears: [2025],
    verified: 2,
    stars: [0, 0, 1, 5, 16],
  },
  {
    externalId: 'ZJG-0021',
    name: '大新镇总工会户外劳动者服务站',
    address: '张家港市大新镇福前路2号',
    district: '张家港市 大新镇',
    orgPath: DAXIN,
    at: [120.5178, 31.9682],
    host: 'union',
    amenities: ['water', 'microwave', 'charging', 'toilet', 'seating', 'aircon', 'rainGear'],
    hours: {
      weekly: [...week(workdays, '08:00-11:30', '13:00-18:00'), ...week(weekend, '08:30-12:00')],
      exceptions: [...closedOn(nationalDay, '国庆节'), ...closedOn(springFestival, '春节')],
    },
    phone: '0512-58702118',
    verified: 110,
  },
  {
    externalId: 'ZJG-0022',
    name: '中国邮政储蓄银行大新营业所爱心驿站',
    address: '张家港市大新镇新华路21号',
    district: '张家港市 大新镇',
    orgPath: DAXIN,
    at: [120.5231, 31.9754],
    host: 'bank',
    amenities: ['water', 'seating', 'aircon'],
    hours: {
      weekly: week(everyDay, '08:30-17:00'),
      exceptions: closedOn(['2026-10-01', '2026-10-02'], '国庆节'),
    },
    phone: '0512-58703390',
  },
  {
    externalId: 'ZJG-0023',
    name: '大新港区货车司机之家驿站',
    address: '张家港市大新镇沿江公路大新港区入口',
    district: '张家港市 大新镇',
    orgPath: DAXIN,
    at: [120.5004, 31.9853],
    host: 'enterprise',
    amenities: ['water', 'microwave', 'charging', 'toilet', 'seating', 'wifi', 'toolkit'],
    hours: allDay,
    phone: '0512-58709900',
    pause: { reason: '空调及热水设备检修', days: 3 },
    verified: 1,
    stars: [0, 0, 2, 3, 4],
  },
  // 苏州 姑苏区
  {
    externalId: 'SZ-0001',
    name: '苏州市总工会观前街户外劳动者服务站',
    address: '苏州市姑苏区观前街北局16号',
    district: '苏州市 姑苏区',
    orgPath: SZ,
    at: [120.6262, 31.3112],
    host: 'union',
    amenities: [
      'water',
      'fridge',
      'microwave',
      'charging',
      'toilet',
      'seating',
      'aircon',
      'firstAid',
      'wifi',
    ],
    hours: { weekly: week(everyDay, '07:00-22:00') },
    phone: '0512-65223310',
    bestYears: [2023, 2024, 2025],
    verified: 6,
    stars: [0, 1, 3, 22, 60],
  },
  {
    externalId: 'SZ-0002',
    name: '苏州火车站北广场爱心驿站',
    address: '苏州市姑苏区北广场路1号站前服务中心',
    district: '苏州市 姑苏区',
    orgPath: SZ,
    at: [120.6108, 31.3312],
    host: 'government',
    amenities: ['water', 'charging', 'toilet', 'seating', 'aircon', 'firstAid', 'wifi'],
    hours: allDay,
    phone: '0512-65201234',
    verified: 18,
    stars: [1, 1, 4, 10, 15],
  },
  {
    externalId: 'SZ-0003',
    name: '中国建设银行苏州石路支行爱心驿站',
    address: '苏州市姑苏区石路18号',
    district: '苏州市 姑苏区',
    orgPath: SZ,
    at: [120.6003, 31.3148],
    host: 'bank',
    amenities: ['water', 'seating', 'aircon', 'charging', 'rainGear'],
    hours: {
      weekly: [...week(workdays, '09:00-17:00'), ...week(weekend, '09:30-16:00')],
      exceptions: [
        ...shortOn(nationalDay.slice(0, 3), '国庆节', '10:00-15:00'),
        ...closedOn(springFestival, '春节'),
      ],
    },
    phone: '0512-65336688',
    verified: 130,
  },
  {
    externalId: 'SZ-0004',
    name: '平江路历史街区环卫工人驿站',
    address: '苏州市姑苏区平江路大儒巷口',
    district: '苏州市 姑苏区',
    orgPath: SZ,
    at: [120.6314, 31.3163],
    host: 'government',
    amenities: ['water', 'microwave', 'fridge', 'seating', 'toilet'],
    hours: { weekly: week(everyDay, '05:00-19:00') },
    phone: '0512-67271105',
    verified: 9,
  },
  {
    externalId: 'SZ-0005',
    name: '南门商圈骑手之家',
    address: '苏州市姑苏区人民路南门商圈2号楼底商',
    district: '苏州市 姑苏区',
    orgPath: SZ,
    at: [120.6232, 31.2931],
    host: 'enterprise',
    amenities: ['charging', 'water', 'microwave', 'seating', 'rainGear', 'toolkit', 'wifi'],
    hours: { weekly: [...week(everyDay, '10:00-14:00'), ...week(everyDay, '18:00-02:00')] },
    phone: '13812345678',
    bestYears: [2025],
    verified: 4,
    stars: [0, 0, 2, 8, 30],
  },
  // 苏州 吴中区
  {
    externalId: 'SZ-0006',
    name: '吴中区木渎镇总工会户外劳动者服务站',
    address: '苏州市吴中区木渎镇中山东路55号',
    district: '苏州市 吴中区',
    orgPath: SZ,
    at: [120.5224, 31.2641],
    host: 'union',
    amenities: ['water', 'fridge', 'microwave', 'toilet', 'seating', 'aircon', 'firstAid'],
    hours: {
      weekly: [...week(workdays, '07:30-19:00'), ...week(weekend, '08:00-17:00')],
      exceptions: shortOn(nationalDay, '国庆节', '08:00-12:00', '13:00-17:00'),
    },
    phone: '0512-66511230',
    verified: 70,
  },
  {
    externalId: 'SZ-0007',
    name: '中石化苏州东吴北路加油站工会驿站',
    address: '苏州市吴中区东吴北路301号',
    district: '苏州市 吴中区',
    orgPath: SZ,
    at: [120.6297, 31.2752],
    host: 'gasStation',
    amenities: ['water', 'toilet', 'charging', 'seating'],
    hours: allDay,
    phone: '0512-65260417',
    verified: 33,
  },
  {
    externalId: 'SZ-0008',
    name: '郭巷街道社区服务中心工会驿站',
    address: '苏州市吴中区郭巷街道淞苇路18号',
    district: '苏州市 吴中区',
    orgPath: SZ,
    at: [120.6681, 31.2553],
    host: 'community',
    amenities: ['water', 'seating', 'toilet', 'books'],
    hours: { weekly: week(workdays, '08:30-11:30', '13:30-17:00') },
    phone: '0512-65920031',
    pause: { reason: '门前道路施工，暂停开放' },
    verified: 50,
  },
  // 苏州 相城区
  {
    externalId: 'SZ-0009',
    name: '相城区高铁新城户外劳动者服务站',
    address: '苏州市相城区高铁新城南天成路58号',
    district: '苏州市 相城区',
    orgPath: SZ,
    at: [120.6318, 31.4253],
    host: 'union',
    amenities: ['water', 'fridge', 'microwave', 'charging', 'toilet', 'seating', 'aircon', 'wifi'],
    hours: { weekly: week(everyDay, '07:00-21:00') },
    phone: '0512-66187700',
    bestYears: [2024],
    verified: 22,
    stars: [0, 0, 0, 4, 10],
  },
  {
    externalId: 'SZ-0010',
    name: '永辉超市相城元和店爱心驿站',
    address: '苏州市相城区元和街道相城大道1188号',
    district: '苏州市 相城区',
    orgPath: SZ,
    at: [120.6423, 31.3718],
    host: 'supermarket',
    amenities: ['water', 'toilet', 'seating', 'aircon'],
    hours: {
      weekly: week(everyDay, '07:30-22:00'),
      exceptions: shortOn(['2027-02-05'], '除夕', '07:30-16:00'),
    },
    verified: 140,
  },
  // 苏州 高新区
  {
    externalId: 'SZ-0011',
    name: '高新区狮山街道便民服务中心驿站',
    address: '苏州市高新区狮山路88号',
    district: '苏州市 高新区',
    orgPath: SZ,
    at: [120.5724, 31.3005],
    host: 'government',
    amenities: ['water', 'seating', 'toilet', 'aircon', 'firstAid', 'books'],
    hours: {
      weekly: week(workdays, '08:30-12:00', '13:30-17:30'),
      exceptions: [...closedOn(nationalDay, '国庆节'), ...closedOn(springFestival, '春节')],
    },
    phone: '0512-68251100',
    verified: 10,
  },
  {
    externalId: 'SZ-0012',
    name: '顺丰速运浒墅关分部职工驿站',
    address: '苏州市高新区浒墅关镇石林路6号',
    district: '苏州市 高新区',
    orgPath: SZ,
    at: [120.5052, 31.3803],
    host: 'enterprise',
    amenities: ['water', 'charging', 'microwave', 'seating', 'toolkit'],
    hours: { weekly: week(everyDay, '06:00-23:00') },
    phone: '0512-66071219',
  },
  // 苏州工业园区
  {
    externalId: 'SIP-0001',
    name: '苏州工业园区总工会金鸡湖户外劳动者服务站',
    address: '苏州工业园区星港街199号',
    district: '苏州工业园区 金鸡湖街道',
    orgPath: SIP,
    at: [120.7172, 31.3184],
    host: 'union',
    amenities: flagshipAmenities,
    hours: {
      weekly: week(everyDay, '07:00-22:00'),
      exceptions: shortOn(springFestival, '春节', '09:00-17:00'),
    },
    phone: '0512-62880001',
    bestYears: [2023, 2025],
    verified: 8,
    stars: [0, 0, 2, 12, 35],
  },
  {
    externalId: 'SIP-0002',
    name: '中国工商银行苏州工业园区支行爱心驿站',
    address: '苏州工业园区苏州大道东265号',
    district: '苏州工业园区 湖西CBD',
    orgPath: SIP,
    at: [120.6831, 31.3162],
    host: 'bank',
    amenities: ['water', 'seating', 'aircon', 'charging', 'wifi'],
    hours: {
      weekly: week(workdays, '09:00-17:00'),
      exceptions: [...closedOn(nationalDay, '国庆节'), ...closedOn(springFestival, '春节')],
    },
    phone: '0512-62601188',
    verified: 91,
  },
  {
    externalId: 'SIP-0003',
    name: '中石油园区星湖街加油站工会驿站',
    address: '苏州工业园区星湖街328号',
    district: '苏州工业园区 斜塘街道',
    orgPath: SIP,
    at: [120.7701, 31.3003],
    host: 'gasStation',
    amenities: ['water', 'toilet', 'charging', 'microwave', 'seating'],
    hours: allDay,
    phone: '0512-62951076',
    bestYears: [2024],
    verified: 14,
    stars: [0, 0, 1, 2, 5],
  },
  {
    externalId: 'SIP-0004',
    name: '独墅湖科教创新区环卫驿站',
    address: '苏州工业园区仁爱路与若水路交叉口',
    district: '苏州工业园区 独墅湖',
    orgPath: SIP,
    at: [120.7352, 31.2704],
    host: 'government',
    amenities: ['water', 'microwave', 'fridge', 'seating', 'toilet'],
    hours: { weekly: week(everyDay, '05:00-20:00') },
    verified: 180,
  },
  {
    externalId: 'SIP-0005',
    name: '唯亭街道社区服务中心工会驿站',
    address: '苏州工业园区唯亭街道青剑湖路15号',
    district: '苏州工业园区 唯亭街道',
    orgPath: SIP,
    at: [120.8003, 31.3601],
    host: 'community',
    amenities: ['water', 'seating', 'toilet', 'aircon', 'books'],
    hours: {
      weekly: [...week(workdays, '08:30-11:30', '13:30-17:30'), ...week(weekend, '09:00-16:00')],
      exceptions: closedOn(nationalDay, '国庆节'),
    },
    phone: '0512-62748800',
    verified: 35,
  },
];

/** The demo stations as of `now`, each validated by `stationSchema`. */
export function demoStations(now = new Date()): Station[] {
  return specs.map((spec) => toStation(spec, now));
}
