import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { placeOfFile } from '../support/testPlaces';
import { loginAsDemo, request } from './http';
import { createStation as createStationAt } from './stationHelpers';

// A place of its own, so the stations made here never show in the demo's lists or another file's search.
const here = placeOfFile(import.meta.url);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const createStation = (token: string) =>
  createStationAt(token, here, { name: `暂停测试${randomUUID().slice(0, 4)}` });

const pause = (token: string, id: string, version: number, until?: string) =>
  request('POST', `/staff/stations/${id}/status`, {
    token,
    body: {
      version,
      status: { state: 'temporarilyClosed', reason: '设备检修', ...(until ? { until } : {}) },
    },
  });

const refusal = (message: string) => ({
  status: 400,
  body: {
    error: {
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      details: { issues: [{ path: 'body.status.until', message }] },
    },
  },
});

describe('API: setStationStatus reopen time', () => {
  it('refuses a reopen time in the past or over a year ahead, and stores nothing', async () => {
    // Arrange
    const staff = await loginAsDemo('李敏');
    const station = await createStation(staff);
    const anHourAgo = new Date(Date.now() - HOUR_MS).toISOString();
    const in400Days = new Date(Date.now() + 400 * DAY_MS).toISOString();

    // Act
    const past = await pause(staff, station.id, station.version, anHourAgo);
    const tooFar = await pause(staff, station.id, station.version, in400Days);

    // Assert
    expect({ status: past.status, body: past.body }).toStrictEqual(refusal('预计恢复时间不能早于现在'));
    expect({ status: tooFar.status, body: tooFar.body }).toStrictEqual(refusal('预计恢复时间须在一年以内'));
    const detail = await request('GET', `/stations/${station.id}`);
    expect(detail.body).toMatchObject({ status: { state: 'open' }, version: station.version, open: true });
  });

  it('takes a reopen time two days ahead, and an open-ended pause', async () => {
    // Arrange
    const staff = await loginAsDemo('李敏');
    const station = await createStation(staff);
    // Whole seconds in Beijing time, as the staff dialog sends them.
    const inTwoDays = new Date(Math.floor((Date.now() + 2 * DAY_MS) / 1000) * 1000);
    const until = `${new Date(inTwoDays.getTime() + 8 * HOUR_MS).toISOString().slice(0, 19)}+08:00`;

    // Act
    const paused = await pause(staff, station.id, station.version, until);
    const openEnded = await pause(staff, station.id, station.version + 1);

    // Assert
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body).toMatchObject({
      status: { state: 'temporarilyClosed', reason: '设备检修', until },
      version: station.version + 1,
      open: false,
    });
    expect(Date.parse(until)).toBe(inTwoDays.getTime());
    expect(openEnded.status, JSON.stringify(openEnded.body)).toBe(200);
    expect((openEnded.body as { status: unknown }).status).toStrictEqual({
      state: 'temporarilyClosed',
      reason: '设备检修',
    });
  });

  it('answers a worker and staff beside with 403, and a missing token with 401, changing nothing', async () => {
    // Arrange
    const staff = await loginAsDemo('李敏');
    const worker = await loginAsDemo('刘师傅（环卫工）');
    const beside = await loginAsDemo('沈佳怡');
    const station = await createStation(staff);
    const until = new Date(Date.now() + 2 * DAY_MS).toISOString();

    // Act
    const answers = await Promise.all([
      pause(worker, station.id, station.version, until),
      pause(beside, station.id, station.version, until),
      pause('', station.id, station.version, until),
    ]);

    // Assert
    expect(answers.map((a) => [a.status, (a.body as { error: { code: string } }).error.code])).toStrictEqual([
      [403, 'FORBIDDEN'],
      [403, 'OUT_OF_SCOPE'],
      [401, 'UNAUTHENTICATED'],
    ]);
    const detail = await request('GET', `/stations/${station.id}`);
    expect(detail.body).toMatchObject({ status: { state: 'open' }, version: station.version });
  });
});
