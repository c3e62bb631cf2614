import { describe, expect, it } from 'vitest';
import { getStationById } from '../../functions/src/db/stations';
import { handler as setStationStatus } from '../../functions/src/handlers/setStationStatus';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';
import { storedStation } from './stationFixtures';

const zjg = '320000/320500/320582';
const HOUR_MS = 3_600_000;

const pause = (token: string, id: string, until: string) =>
  invoke(
    setStationStatus,
    httpEvent({
      method: 'POST',
      path: `/staff/stations/${id}/status`,
      token,
      params: { id },
      body: { version: 1, status: { state: 'temporarilyClosed', reason: '设备检修', until } },
    }),
  );

describe('Handler: setStationStatus reopen time', () => {
  it('answers 400 at body.status.until for a reopen time already past, and stores nothing', async () => {
    // Arrange
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const station = await storedStation();

    // Act
    const answer = await pause(staff.token, station.id, new Date(Date.now() - HOUR_MS).toISOString());

    // Assert
    expect(answer).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: { issues: [{ path: 'body.status.until', message: '预计恢复时间不能早于现在' }] },
        },
      },
    });
    expect(await getStationById(station.id)).toStrictEqual(station);
  });
});
