import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { placeOfFile } from '../support/testPlaces';
import { loginAsDemo, request } from './http';
import { createStation as createStationAt } from './stationHelpers';

/**
 * The pause route under attack: malformed reopen times, and staff above and below the station's
 * node (the station belongs to 张家港; 陈刚 is 苏州 above it, 顾晓东 大新镇 below it).
 */

// A place of its own, so the stations made here never show in the demo's lists or another file's search.
const here = placeOfFile(import.meta.url);
const DAY_MS = 86_400_000;

const createStation = (token: string) =>
  createStationAt(token, here, { name: `暂停攻击${randomUUID().slice(0, 4)}` });

const pause = (token: string, id: string, body: unknown) =>
  request('POST', `/staff/stations/${id}/status`, { token, body });

const paused = (version: number, until: unknown) => ({
  version,
  status: { state: 'temporarilyClosed', reason: '设备检修', until },
});

async function expectUnchanged(id: string, version: number) {
  const detail = await request('GET', `/stations/${id}`);
  expect(detail.body).toMatchObject({ status: { state: 'open' }, version, open: true });
}

describe('API: setStationStatus with a malformed reopen time', () => {
  it.each([
    ['not a time', '明天上午'],
    ['a date without a time', '2027-01-01'],
    ['a time without an offset', '2027-01-01T08:00:00'],
    ['month 13', '2027-13-01T08:00:00+08:00'],
    ['hour 25', '2027-01-01T25:00:00+08:00'],
    ['a number', 1_800_000_000_000],
    ['an object', { at: '2027-01-01T08:00:00+08:00' }],
    ['huge', `2027-01-01T08:00:00+08:00${'0'.repeat(50_000)}`],
  ])('answers 400 at body.status.until for %s and stores nothing', async (_what, until) => {
    const staff = await loginAsDemo('李敏');
    const station = await createStation(staff);
    const answer = await pause(staff, station.id, paused(station.version, until));
    expect(answer.status).toBe(400);
    const error = (answer.body as { error: { code: string; details?: { issues: { path: string }[] } } })
      .error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues.map((issue) => issue.path)).toStrictEqual(['body.status.until']);
    await expectUnchanged(station.id, station.version);
  });
});

describe('API: setStationStatus by staff above and below the station', () => {
  it('lets 陈刚 (苏州, above) pause it and refuses 顾晓东 (大新镇, below) with 403', async () => {
    const owner = await loginAsDemo('李敏');
    const station = await createStation(owner);
    const until = new Date(Date.now() + 2 * DAY_MS).toISOString();

    const below = await pause(await loginAsDemo('顾晓东'), station.id, paused(station.version, until));
    expect({
      status: below.status,
      code: (below.body as { error: { code: string } }).error.code,
    }).toStrictEqual({
      status: 403,
      code: 'OUT_OF_SCOPE',
    });
    await expectUnchanged(station.id, station.version);

    const above = await pause(await loginAsDemo('陈刚'), station.id, paused(station.version, until));
    expect(above.status, JSON.stringify(above.body)).toBe(200);
    expect(above.body).toMatchObject({
      status: { state: 'temporarilyClosed', reason: '设备检修', until },
      version: station.version + 1,
      open: false,
    });
  });
});
