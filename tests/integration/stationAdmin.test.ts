import { SERVICE_AREA_MESSAGE, type Station, type StationDraftInput } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { getStationById, listStationsUnderOrg } from '../../functions/src/db/stations';
import { handler as createStation } from '../../functions/src/handlers/createStation';
import { handler as getStation } from '../../functions/src/handlers/getStation';
import { handler as listManagedStations } from '../../functions/src/handlers/listManagedStations';
import { handler as setStationStatus } from '../../functions/src/handlers/setStationStatus';
import { handler as updateStation } from '../../functions/src/handlers/updateStation';
import { handler as verifyStation } from '../../functions/src/handlers/verifyStation';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { stationDraft, stationsByExternalId, storedStation } from './stationFixtures';

const zjg = '320000/320500/320582';
const sip = '320000/320500/320571';

const put = (token: string, id: string, body: unknown) =>
  invoke(
    updateStation,
    httpEvent({ method: 'PUT', path: `/staff/stations/${id}`, token, params: { id }, body }),
  );

const post = (token: string, body: unknown) =>
  invoke(createStation, httpEvent({ method: 'POST', path: '/staff/stations', token, body }));

const newExternalId = () => `EXT-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** Drafts that an import refuses, so the form and the API must refuse them too: the field and the reason. */
const refusedDrafts: [string, Partial<StationDraftInput>, string, string][] = [
  ['a location at Null Island', { location: { lng: 0, lat: 0 } }, 'body.location', SERVICE_AREA_MESSAGE],
  ['a location at the North Pole', { location: { lng: 0, lat: 90 } }, 'body.location', SERVICE_AREA_MESSAGE],
  [
    'a location at the South Pole',
    { location: { lng: 120, lat: -90 } },
    'body.location',
    SERVICE_AREA_MESSAGE,
  ],
  [
    'a location in New York',
    { location: { lng: -74.006, lat: 40.7128 } },
    'body.location',
    SERVICE_AREA_MESSAGE,
  ],
  ['a name of zero-width spaces', { name: '\u200b\u200b\u200b' }, 'body.name', '请填写名称'],
  [
    'a name with a right-to-left override',
    { name: '杨舍\u202e站驿' },
    'body.name',
    '名称不能包含改变文字方向的隐藏字符',
  ],
  ['a name with NUL', { name: '杨舍\u0000驿站' }, 'body.name', '名称不能包含换行、制表符等控制字符'],
  [
    'an address with ESC',
    { address: '人民路\u001b[2J 88 号' },
    'body.address',
    '地址不能包含换行、制表符等控制字符',
  ],
  [
    'a district with a lone surrogate',
    { district: '张家港\ud800' },
    'body.district',
    '区县含有无法识别的字符，请重新输入',
  ],
  [
    'an exception date given twice',
    {
      hours: {
        alwaysOpen: true,
        exceptions: [
          { date: '2026-10-01', closed: true },
          { date: '2026-10-01', closed: true },
        ],
      },
    },
    'body.hours.exceptions.1.date',
    '例外日期 2026-10-01 重复，同一天只能写一次',
  ],
  [
    'a season from 02-31',
    { hours: { alwaysOpen: true, season: { from: '02-31', to: '09-30' } } },
    'body.hours.season.from',
    '日期不存在，请检查月份和日期',
  ],
];

const validationFailed = (path: string, message: string) => ({
  status: 400,
  body: {
    error: {
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      details: { issues: [{ path, message }] },
    },
  },
});

describe('Handler: createStation', () => {
  it('creates a station in the caller’s org at version 1, open and unverified', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const draft = stationDraft({ orgPath: `${zjg}/daxin` });
    const result = await invoke(
      createStation,
      httpEvent({ method: 'POST', path: '/staff/stations', token: staff.token, body: draft }),
    );
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      name: draft.name,
      orgPath: `${zjg}/daxin`,
      status: { state: 'open' },
      version: 1,
      lastVerifiedAt: null,
      open: true,
      hoursLabel: '24小时',
    });
  });

  it('refuses staff of another district with 403 OUT_OF_SCOPE and stores nothing', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: sip });
    const result = await invoke(
      createStation,
      httpEvent({
        method: 'POST',
        path: '/staff/stations',
        token: staff.token,
        body: stationDraft({ orgPath: zjg }),
      }),
    );
    expect(result).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
  });

  it('answers 400 with Chinese field issues for a bad draft', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const bad = { ...stationDraft(), name: 'x', amenities: ['pool'], phone: '12' };
    const result = await invoke(
      createStation,
      httpEvent({ method: 'POST', path: '/staff/stations', token: staff.token, body: bad }),
    );
    expect(result.status).toBe(400);
    const issues = (result.body as { error: { details: { issues: { path: string }[] } } }).error.details
      .issues;
    expect(issues.map((i) => i.path).sort()).toStrictEqual(['body.amenities.0', 'body.name', 'body.phone']);
  });

  it.each(refusedDrafts)('answers 400 for %s and stores nothing', async (_what, overrides, path, message) => {
    const org = await freshOrg(zjg);
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const externalId = newExternalId();

    const result = await post(staff.token, stationDraft({ orgPath: org, externalId, ...overrides }));

    expect(result).toStrictEqual(validationFailed(path, message));
    expect((await listStationsUnderOrg(org, {}, { limit: 10 })).stations).toStrictEqual([]);
    expect((await stationsByExternalId(org, [externalId])).size).toBe(0);
  });

  it('lets two orgs use the same external id; a second one in the same org is 409', async () => {
    const [townA, townB] = [await freshOrg(zjg), await freshOrg(zjg)];
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const externalId = newExternalId();

    const inA = await post(staff.token, stationDraft({ orgPath: townA, externalId }));
    const inB = await post(staff.token, stationDraft({ orgPath: townB, externalId }));
    const againInA = await post(staff.token, stationDraft({ orgPath: townA, externalId }));

    expect([inA.status, inB.status]).toStrictEqual([201, 201]);
    expect(againInA).toStrictEqual({
      status: 409,
      body: { error: { code: 'DUPLICATE_EXTERNAL_ID', message: '外部编号已被其他驿站使用' } },
    });
    expect((await listStationsUnderOrg(townA, {}, { limit: 10 })).stations).toHaveLength(1);
  });

  it('refuses a second station with the same external id (409)', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const externalId = `EXT-${Date.now()}-${Math.random()}`;
    const send = () =>
      invoke(
        createStation,
        httpEvent({
          method: 'POST',
          path: '/staff/stations',
          token: staff.token,
          body: stationDraft({ externalId }),
        }),
      );
    expect((await send()).status).toBe(201);
    expect(await send()).toMatchObject({ status: 409, body: { error: { code: 'DUPLICATE_EXTERNAL_ID' } } });
  });
});

describe('Handler: updateStation', () => {
  it('saves an edit and the worker sees it', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const station = await storedStation();
    const edit = { ...stationDraft({ name: '杨舍镇户外劳动者服务站（新址）' }), version: 1 };
    const saved = await put(staff.token, station.id, edit);
    expect(saved).toMatchObject({
      status: 200,
      body: { name: '杨舍镇户外劳动者服务站（新址）', version: 2 },
    });
    const seen = await invoke(
      getStation,
      httpEvent({ path: `/stations/${station.id}`, params: { id: station.id } }),
    );
    expect(seen.body).toMatchObject({ name: '杨舍镇户外劳动者服务站（新址）' });
  });

  it('answers a stale version with 409 VERSION_CONFLICT and the current version, keeping the first edit', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const station = await storedStation();
    expect(
      (await put(staff.token, station.id, { ...stationDraft({ name: '第一次修改' }), version: 1 })).status,
    ).toBe(200);
    const stale = await put(staff.token, station.id, { ...stationDraft({ name: '过时的修改' }), version: 1 });
    expect(stale).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 2 },
        },
      },
    });
    expect((await getStationById(station.id))?.name).toBe('第一次修改');
  });

  it('refuses a worker (403 FORBIDDEN) and staff beside or above the station (403 OUT_OF_SCOPE)', async () => {
    const station = await storedStation({ orgPath: `${zjg}/daxin` });
    const edit = { ...stationDraft({ orgPath: `${zjg}/daxin` }), version: 1 };
    const worker = await freshUser();
    expect(await put(worker.token, station.id, edit)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    const beside = await freshUser({ roles: ['staff'], orgPath: sip });
    expect(await put(beside.token, station.id, edit)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    // Staff of a sibling town may not pull a 大新 station into their own town: the stored org counts too.
    const siblingOrg = await freshOrg(zjg);
    const sibling = await freshUser({ roles: ['staff'], orgPath: siblingOrg });
    const move = { ...edit, orgPath: siblingOrg };
    expect(await put(sibling.token, station.id, move)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect((await getStationById(station.id))?.version).toBe(1);
  });

  it('clears an optional field the edit leaves out', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const station = await storedStation({ phone: '0512-58123456' });
    const saved = await put(staff.token, station.id, { ...stationDraft(), version: 1 });
    expect(saved.body).not.toHaveProperty('phone');
    expect((await getStationById(station.id))?.phone).toBeUndefined();
  });

  const season = { from: '06-01', to: '09-30' };
  const exceptions = [{ date: '2026-10-01', closed: true }];
  const clearCases: [
    string,
    Partial<StationDraftInput>,
    Partial<StationDraftInput>,
    (s: Station) => unknown,
    unknown,
  ][] = [
    ['phone', { phone: '0512-58123456' }, {}, (s: Station) => s.phone, undefined],
    ['externalId', { externalId: 'set-below' }, {}, (s: Station) => s.externalId, undefined],
    [
      'hours.season',
      { hours: { alwaysOpen: true, season } },
      { hours: { alwaysOpen: true } },
      (s: Station) => s.hours.season,
      undefined,
    ],
    [
      'hours.exceptions',
      { hours: { alwaysOpen: true, exceptions } },
      { hours: { alwaysOpen: true } },
      (s: Station) => s.hours.exceptions,
      [],
    ],
    ['amenities', { amenities: ['water'] }, { amenities: [] }, (s: Station) => s.amenities, []],
    ['bestYears', { bestYears: [2023, 2024] }, {}, (s: Station) => s.bestYears, []],
  ];
  it.each(clearCases)(
    'clears %s when the edit leaves it out',
    async (_field, stored, edit, read, cleared) => {
      const org = await freshOrg(zjg);
      const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
      const externalId = newExternalId();
      const setUp = 'externalId' in stored ? { externalId } : stored;
      const station = await storedStation({ orgPath: org, ...setUp });
      expect(read(station)).not.toStrictEqual(cleared);

      const saved = await put(staff.token, station.id, {
        ...stationDraft({ orgPath: org, ...edit }),
        version: 1,
      });

      expect(saved.status).toBe(200);
      const after = (await getStationById(station.id))!;
      expect(read(after)).toStrictEqual(cleared);
      expect(after.version).toBe(2);
      // A released external id is free again in its org.
      if ('externalId' in stored)
        expect((await post(staff.token, stationDraft({ orgPath: org, externalId }))).status).toBe(201);
    },
  );

  it.each(refusedDrafts)(
    'answers 400 for %s and changes nothing',
    async (_what, overrides, path, message) => {
      const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
      const station = await storedStation();

      const result = await put(staff.token, station.id, { ...stationDraft(overrides), version: 1 });

      expect(result).toStrictEqual(validationFailed(path, message));
      expect(await getStationById(station.id)).toStrictEqual(station);
    },
  );

  it('moves the external id with the station to its new org, and refuses a move onto an id taken there (409)', async () => {
    const [townA, townB, townC] = [await freshOrg(zjg), await freshOrg(zjg), await freshOrg(zjg)];
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const externalId = newExternalId();
    const moving = await storedStation({ orgPath: townA, externalId });
    await storedStation({ orgPath: townB, externalId });

    const ontoTaken = await put(staff.token, moving.id, {
      ...stationDraft({ orgPath: townB, externalId }),
      version: 1,
    });
    const unchanged = await getStationById(moving.id);
    const moved = await put(staff.token, moving.id, {
      ...stationDraft({ orgPath: townC, externalId }),
      version: 1,
    });

    expect(ontoTaken).toMatchObject({ status: 409, body: { error: { code: 'DUPLICATE_EXTERNAL_ID' } } });
    expect(unchanged).toStrictEqual(moving);
    expect(moved).toMatchObject({ status: 200, body: { orgPath: townC, externalId, version: 2 } });
    expect((await stationsByExternalId(townC, [externalId])).get(externalId)?.id).toBe(moving.id);
    expect((await stationsByExternalId(townA, [externalId])).size).toBe(0);
    expect((await post(staff.token, stationDraft({ orgPath: townA, externalId }))).status).toBe(201);
    expect((await post(staff.token, stationDraft({ orgPath: townC, externalId }))).status).toBe(409);
  });

  it('answers 404 STATION_NOT_FOUND for an unknown id', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const result = await put(staff.token, 'st_00000000000000000000', { ...stationDraft(), version: 1 });
    expect(result).toMatchObject({ status: 404, body: { error: { code: 'STATION_NOT_FOUND' } } });
  });
});

describe('Handler: setStationStatus and verifyStation', () => {
  it('answers 400 for a pause reason of invisible or reordering characters and changes nothing', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const station = await storedStation();
    const pause = (reason: string) =>
      invoke(
        setStationStatus,
        httpEvent({
          method: 'POST',
          path: `/staff/stations/${station.id}/status`,
          token: staff.token,
          params: { id: station.id },
          body: { version: 1, status: { state: 'temporarilyClosed', reason } },
        }),
      );

    expect(await pause('\u200b\u200b')).toStrictEqual(
      validationFailed('body.status.reason', '请填写暂停原因'),
    );
    expect(await pause('检修\u202e')).toStrictEqual(
      validationFailed('body.status.reason', '暂停原因不能包含改变文字方向的隐藏字符'),
    );
    expect(await getStationById(station.id)).toStrictEqual(station);
  });

  it('closes a station temporarily with a reason; workers see the reason; verification is recorded', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const station = await storedStation();
    const closed = await invoke(
      setStationStatus,
      httpEvent({
        method: 'POST',
        path: `/staff/stations/${station.id}/status`,
        token: staff.token,
        params: { id: station.id },
        body: {
          version: 1,
          status: {
            state: 'temporarilyClosed',
            reason: '空调维修',
            // Ahead and within a year, as setStationStatus requires.
            until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          },
        },
      }),
    );
    expect(closed).toMatchObject({
      status: 200,
      body: { open: false, hoursLabel: '暂停开放：空调维修', version: 2 },
    });

    const verified = await invoke(
      verifyStation,
      httpEvent({
        method: 'POST',
        path: `/staff/stations/${station.id}/verify`,
        token: staff.token,
        params: { id: station.id },
      }),
    );
    expect(verified).toMatchObject({ status: 200, body: { lastVerifiedBy: '测试用户', version: 2 } });
    expect(
      Date.now() - Date.parse((verified.body as { lastVerifiedAt: string }).lastVerifiedAt),
    ).toBeLessThan(60_000);
  });

  it('lists only stations unverified for 90 days when asked', async () => {
    const org = await freshOrg(zjg);
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const stale = await storedStation({ orgPath: org });
    const fresh = await storedStation({ orgPath: org });
    await invoke(
      verifyStation,
      httpEvent({
        method: 'POST',
        path: `/staff/stations/${fresh.id}/verify`,
        token: staff.token,
        params: { id: fresh.id },
      }),
    );
    const list = (query: Record<string, string>) =>
      invoke(listManagedStations, httpEvent({ path: '/staff/stations', token: staff.token, query }));
    const all = (await list({})).body as { stations: { id: string }[] };
    expect(all.stations.map((s) => s.id).sort()).toStrictEqual([stale.id, fresh.id].sort());
    const unverified = (await list({ unverifiedDays: '90' })).body as { stations: { id: string }[] };
    expect(unverified.stations.map((s) => s.id)).toStrictEqual([stale.id]);
  });
});
