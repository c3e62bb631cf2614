import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../support/searchOracle';
import { placeOfFile } from '../support/testPlaces';
import { loginAsDemo, loginWithCode, request } from './http';

// A place of its own, so neither demo stations nor another file's show up in these answers.
const here = placeOfFile(import.meta.url);
const zjg = '320000/320500/320582';

function draft(name: string, offset: { dLng: number; dLat: number }, extra: Record<string, unknown> = {}) {
  return {
    name,
    address: '北京中路 1 号',
    district: '城关区',
    orgPath: zjg,
    location: { lng: here.lng + offset.dLng, lat: here.lat + offset.dLat },
    hostType: 'union',
    amenities: ['water', 'toilet'],
    hours: { alwaysOpen: true },
    ...extra,
  };
}

async function create(token: string, body: unknown) {
  const result = await request('POST', '/staff/stations', { token, body });
  if (result.status !== 201) throw new Error(`create failed: ${JSON.stringify(result.body)}`);
  return result.body as { id: string; version: number };
}

describe('API: stations over HTTP', () => {
  it('finds stations nearest first, hides a closed one with openNow, and shows the detail', async () => {
    const staff = await loginAsDemo('李敏');
    const tag = randomUUID().slice(0, 4);
    const far = await create(staff, draft(`远站${tag}`, { dLng: 0.02, dLat: 0 }));
    const near = await create(staff, draft(`近站${tag}`, { dLng: 0.002, dLat: 0 }));
    const night = await create(
      staff,
      draft(
        `夜站${tag}`,
        { dLng: 0.01, dLat: 0 },
        { hours: { weekly: [{ day: 1, open: '00:00', close: '00:01' }] } },
      ),
    );

    const all = await request('GET', `/stations/nearby?lat=${here.lat}&lng=${here.lng}&radius=5000`);
    expect(all.status).toBe(200);
    const rows = (
      all.body as { stations: { id: string; distanceM: number; open: boolean; hoursLabel: string }[] }
    ).stations;
    expect(rows.map((r) => r.id)).toStrictEqual([near.id, night.id, far.id]);
    expect(rows[0]).toMatchObject({ open: true, hoursLabel: '24小时' });
    // Each distance is the great-circle one from the search point, to the metre.
    const expected = [0.002, 0.01, 0.02].map((dLng) =>
      haversineM(here, { lng: here.lng + dLng, lat: here.lat }),
    );
    for (const [index, row] of rows.entries())
      expect(Math.abs(row.distanceM - expected[index]!)).toBeLessThanOrEqual(1);

    const openNow = await request(
      'GET',
      `/stations/nearby?lat=${here.lat}&lng=${here.lng}&radius=5000&openNow=true`,
    );
    expect((openNow.body as { stations: { id: string }[] }).stations.map((s) => s.id)).toStrictEqual([
      near.id,
      far.id,
    ]);

    const detail = await request('GET', `/stations/${near.id}`);
    expect(detail).toMatchObject({
      status: 200,
      body: { id: near.id, name: `近站${tag}`, hours: { alwaysOpen: true } },
    });
    expect(detail.body).not.toHaveProperty('orgPath');
  });

  it('answers 400 with field issues for a bad nearby query', async () => {
    const result = await request('GET', '/stations/nearby?lat=abc&lng=91&radius=50000&amenities=water,pool');
    expect(result.status).toBe(400);
    const issues = (result.body as { error: { details: { issues: { path: string }[] } } }).error.details
      .issues;
    expect(issues.map((i) => i.path).sort()).toStrictEqual([
      'query.amenities.1',
      'query.lat',
      'query.radius',
    ]);
    // An empty value is missing, not 0 (a point in the ocean).
    const empty = await request('GET', '/stations/nearby?lat=&lng=91');
    expect(empty).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          details: { issues: [{ path: 'query.lat', message: '请提供纬度（GCJ-02）' }] },
        },
      },
    });
  });

  it('answers 400 for a nearby search outside the service area, before searching', async () => {
    const pole = await request('GET', '/stations/nearby?lat=89.9&lng=100&radius=20000');

    expect(pole).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          details: { issues: [{ path: 'query.lat', message: '位置不在服务范围内（仅支持中国境内的坐标）' }] },
        },
      },
    });
    const antimeridian = await request('GET', '/stations/nearby?lat=-89.999&lng=179.999&radius=20000');
    expect(antimeridian.status).toBe(400);
    expect(
      (antimeridian.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues
        .map((issue) => issue.path)
        .sort(),
    ).toStrictEqual(['query.lat', 'query.lng']);
  });

  it('answers 404 STATION_NOT_FOUND for an unknown station', async () => {
    const result = await request('GET', '/stations/st_0000000000000000');
    expect(result).toMatchObject({ status: 404, body: { error: { code: 'STATION_NOT_FOUND' } } });
  });

  it('lets staff edit within their org only, with 409 on a stale version', async () => {
    const staff = await loginAsDemo('李敏');
    const station = await create(
      staff,
      draft(`编辑站${randomUUID().slice(0, 4)}`, { dLng: 0.05, dLat: 0.05 }),
    );
    const edit = { ...draft('编辑后的驿站', { dLng: 0.05, dLat: 0.05 }), version: 1 };

    const other = await loginAsDemo('沈佳怡'); // 苏州工业园区, beside 张家港
    const beside = await request('PUT', `/staff/stations/${station.id}`, { token: other, body: edit });
    expect(beside).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });

    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    expect(
      await request('PUT', `/staff/stations/${station.id}`, { token: worker, body: edit }),
    ).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });

    expect(await request('PUT', `/staff/stations/${station.id}`, { token: staff, body: edit })).toMatchObject(
      {
        status: 200,
        body: { name: '编辑后的驿站', version: 2 },
      },
    );
    expect(await request('PUT', `/staff/stations/${station.id}`, { token: staff, body: edit })).toMatchObject(
      {
        status: 409,
        body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
      },
    );
    const seen = await request('GET', `/stations/${station.id}`);
    expect(seen.body).toMatchObject({ name: '编辑后的驿站' });
  });

  it('counts a retried rating once over HTTP', async () => {
    const staff = await loginAsDemo('李敏');
    const station = await create(staff, draft(`评价站${randomUUID().slice(0, 4)}`, { dLng: -0.05, dLat: 0 }));
    const { token } = await loginWithCode(`ok-${randomUUID()}`);
    const body = { stars: 4, tags: ['cool'], comment: '不错' };
    await request('POST', `/stations/${station.id}/feedback`, { token, body });
    const retry = await request('POST', `/stations/${station.id}/feedback`, { token, body });
    expect(retry).toMatchObject({ status: 200, body: { rating: { count: 1, average: 4 } } });
  });
});
