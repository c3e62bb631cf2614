import { describe, expect, it } from 'vitest';
import { getStationById } from '../../functions/src/db/stations';
import { handler as createStation } from '../../functions/src/handlers/createStation';
import { handler as getStation } from '../../functions/src/handlers/getStation';
import { handler as listManagedStations } from '../../functions/src/handlers/listManagedStations';
import { handler as setStationStatus } from '../../functions/src/handlers/setStationStatus';
import { handler as updateStation } from '../../functions/src/handlers/updateStation';
import { handler as verifyStation } from '../../functions/src/handlers/verifyStation';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { stationDraft, storedStation } from './stationFixtures';

const zjg = '320000/320500/320582';
const sip = '320000/320500/320571';

const put = (token: string, id: string, body: unknown) =>
  invoke(
    updateStation,
    httpEvent({ method: 'PUT', path: `/staff/stations/${id}`, token, params: { id }, body }),
  );

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

  it('answers 404 STATION_NOT_FOUND for an unknown id', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const result = await put(staff.token, 'st_00000000000000000000', { ...stationDraft(), version: 1 });
    expect(result).toMatchObject({ status: 404, body: { error: { code: 'STATION_NOT_FOUND' } } });
  });
});

describe('Handler: setStationStatus and verifyStation', () => {
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
          status: { state: 'temporarilyClosed', reason: '空调维修', until: '2099-01-01T00:00:00+08:00' },
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
