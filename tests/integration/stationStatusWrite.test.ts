import { randomUUID } from 'node:crypto';
import type { Station } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { db } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { getStationById } from '../../functions/src/db/stations';
import { StationWriteError, updateStationStatus } from '../../functions/src/db/stationWrites';
import { storedStation } from './stationFixtures';

/** Runs `act`, recording the input of every GetItem of the station's record meanwhile. */
async function stationGets<T>(id: string, act: () => Promise<T>) {
  const name = `stationGets-${randomUUID()}`;
  const station = keys.station(id);
  const gets: { ConsistentRead?: boolean }[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const text = JSON.stringify(args.input);
      if (/^Get(Item)?Command$/.test(context.commandName ?? '') && text.includes(station.pk)) {
        gets.push(args.input as { ConsistentRead?: boolean });
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await act(), gets: gets.map((input) => input.ConsistentRead === true) };
  } finally {
    db.middlewareStack.remove(name);
  }
}

const paused = { state: 'temporarilyClosed', reason: '设备检修' } as const;

describe('Db: updateStationStatus reads', () => {
  it('reads the station consistently unless it is given the record at the expected version', async () => {
    const station = await storedStation();
    const at = new Date();

    const unread = await stationGets(station.id, () =>
      updateStationStatus(station.id, paused, station.version, at),
    );
    expect(unread.gets).toStrictEqual([true]);
    const expected: Station = { ...station, status: paused, updatedAt: at.toISOString(), version: 2 };
    expect(unread.result).toStrictEqual(expected);

    const given = await stationGets(station.id, () =>
      updateStationStatus(station.id, { state: 'open' }, 2, at, unread.result),
    );
    expect(given.gets).toStrictEqual([]);

    // A record at another version (an eventually consistent read may lag) is read again, consistently.
    const stale = await stationGets(station.id, () =>
      updateStationStatus(station.id, paused, 3, at, unread.result),
    );
    expect(stale.gets).toStrictEqual([true]);
    expect(await getStationById(station.id)).toStrictEqual({ ...expected, version: 4 });

    // Reads for showing stay eventually consistent.
    expect((await stationGets(station.id, () => getStationById(station.id))).gets).toStrictEqual([false]);
  });

  it('refuses a version that is not the stored one, read or written, and writes nothing', async () => {
    const station = await storedStation();
    const refused = (write: Promise<Station>) => write.catch((error: unknown) => error);
    const early = await refused(updateStationStatus(station.id, paused, station.version + 1, new Date()));
    expect(early).toBeInstanceOf(StationWriteError);
    expect((early as StationWriteError).reason).toBe('versionConflict');
    expect(await getStationById(station.id)).toStrictEqual(station);

    // Given the record it read, which a colleague's save has since moved on: the write's condition.
    const saved = await updateStationStatus(
      station.id,
      { state: 'closed', reason: '撤并' },
      1,
      new Date(),
      station,
    );
    const late = await refused(updateStationStatus(station.id, paused, 1, new Date(), station));
    expect(late).toBeInstanceOf(StationWriteError);
    expect((late as StationWriteError).reason).toBe('versionConflict');
    expect(await getStationById(station.id)).toStrictEqual(saved);
  });
});
