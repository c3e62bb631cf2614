import type { Me, NearbyStation, Session, StationDetail, StationSummary } from '@ankang/shared';

/** People as GET /me describes them; fresh copies per call so tests cannot leak edits. */
const people = {
  staffZjg: {
    id: 'u_0000000000000000000staff',
    nickname: '李敏',
    roles: ['staff'],
    org: {
      path: '320000/320500/320582',
      name: '张家港市总工会',
      region: '张家港市',
      chain: ['江苏省总工会', '苏州市总工会', '张家港市总工会'],
    },
  },
  volunteer: { id: 'u_000000000000000000volunt', nickname: '赵磊', roles: ['volunteer'], org: null },
  worker: { id: 'u_0000000000000000000worker', nickname: '刘师傅（环卫工）', roles: [], org: null },
} satisfies Record<string, Me>;

export type Person = keyof typeof people;

export function me(person: Person): Me {
  return structuredClone(people[person]);
}

export function session(person: Person, token = `token-${person}`): Session {
  return { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), me: me(person) };
}

type Summary = StationSummary;
const base: Omit<Summary, 'id' | 'name' | 'open' | 'hoursLabel' | 'location'> = {
  address: '张家港市杨舍镇人民中路 1 号',
  district: '张家港市 杨舍镇',
  hostType: 'union',
  amenities: ['water', 'toilet', 'aircon'],
  status: { state: 'open' },
  bestYears: [],
  rating: { average: 0, count: 0 },
};

/** Three stations as GET /stations/nearby answers them: nearest first. */
const nearbyFixture: NearbyStation[] = [
  {
    ...base,
    id: 'st_00000000near',
    name: '人民路环卫驿站',
    location: { lng: 120.553, lat: 31.876 },
    open: true,
    hoursLabel: '24小时',
    distanceM: 350,
    bestYears: [2024],
    rating: { average: 4.6, count: 12 },
  },
  {
    ...base,
    id: 'st_000000000mid',
    name: '建设银行爱心驿站',
    hostType: 'bank',
    location: { lng: 120.56, lat: 31.88 },
    open: false,
    changesAt: '2026-07-02T00:00:00.000Z',
    hoursLabel: '明天 08:00 开门',
    distanceM: 1234,
  },
  {
    ...base,
    id: 'st_0000000000far',
    name: '港城加油站驿站',
    hostType: 'gasStation',
    amenities: ['water', 'charging'],
    location: { lng: 120.58, lat: 31.9 },
    open: true,
    changesAt: '2026-07-01T14:00:00.000Z',
    hoursLabel: '营业至 22:00',
    distanceM: 4800,
  },
];

export function nearbyStations(): NearbyStation[] {
  return structuredClone(nearbyFixture);
}

const weekdays = [1, 2, 3, 4, 5, 6, 7];

/** The Shanghai calendar date two days from now: a closure day that is always still to come. */
export const closedDay = () =>
  new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);

/** GET /stations/{id} for the nearest one: open 08:00–22:00 every day, closed on one coming day. */
export function stationDetail(closedOn: string, note: string): StationDetail {
  const [first] = nearbyFixture;
  return {
    id: first!.id,
    name: first!.name,
    address: first!.address,
    district: first!.district,
    location: first!.location,
    hostType: first!.hostType,
    amenities: first!.amenities,
    hours: {
      alwaysOpen: false,
      weekly: weekdays.map((day) => ({ day, open: '08:00', close: '22:00' })),
      exceptions: [{ date: closedOn, closed: true, periods: [], note }],
    },
    phone: '0512-58680000',
    bestYears: [2023, 2024],
    status: { state: 'open' },
    photos: [],
    lastVerifiedAt: '2026-06-20T02:00:00.000Z',
    rating: { count: 12, average: 4.6, stars: [0, 1, 0, 2, 9] },
    version: 3,
    updatedAt: '2026-06-20T02:00:00.000Z',
    open: true,
    hoursLabel: '营业至 22:00',
  };
}
