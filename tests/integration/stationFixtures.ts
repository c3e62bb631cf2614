import { randomUUID } from 'node:crypto';
import type { Station, StationDraftInput } from '@ankang/shared';
import { stationDraftSchema } from '@ankang/shared';
import { getStationsByExternalIds } from '../../functions/src/db/externalIds';
import { insertStation } from '../../functions/src/db/stationWrites';
import { newStation } from '../../functions/src/services/stationAdmin';

/** A valid draft near a point; override what the test is about. */
export function stationDraft(overrides: Partial<StationDraftInput> = {}): StationDraftInput {
  return {
    name: `测试驿站${randomUUID().slice(0, 6)}`,
    address: '测试路 1 号',
    district: '张家港市',
    orgPath: '320000/320500/320582',
    location: { lng: 120.55, lat: 31.87 },
    hostType: 'union',
    amenities: ['water', 'toilet'],
    hours: { alwaysOpen: true },
    ...overrides,
  };
}

/** Stores a station directly (bypassing the API) and returns it. */
export async function storedStation(overrides: Partial<StationDraftInput> = {}): Promise<Station> {
  return insertStation(newStation(stationDraftSchema.parse(stationDraft(overrides)), new Date()));
}

/** The stations holding these external ids in one org, by id (ids nobody holds there are absent). */
export async function stationsByExternalId(
  orgPath: string,
  ids: string[],
): Promise<Map<string, Station | null>> {
  const holders = await getStationsByExternalIds(ids.map((externalId) => ({ orgPath, externalId })));
  return new Map(holders.map((holder) => [holder.externalId, holder.station]));
}
