import {
  type ManagedStation,
  reopenTimeProblem,
  type Station,
  type StationDraft,
  type StationStatus,
  stationDraftSchema,
} from '@ankang/shared';
import { getOrg } from '../db/orgs';
import { getStationById } from '../db/stations';
import {
  insertStation,
  markStationVerified,
  StationWriteError,
  updateStationStatus,
} from '../db/stationWrites';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { newStationId } from '../lib/ids';
import { stationPlaceOf } from '../lib/places';
import type { Caller } from './caller';
import { loadManagedStation } from './managedStations';
import { saveEditedStation } from './stationMoves';
import { toManagedStation } from './stationViews';

async function assertOrgExists(orgPath: string): Promise<void> {
  if (!(await getOrg(orgPath))) throw new AppError('ORG_NOT_FOUND');
}

async function conflict(id: string, cause: unknown): Promise<never> {
  const current = await getStationById(id);
  throw new AppError('VERSION_CONFLICT', {
    cause,
    details: current ? { currentVersion: current.version } : undefined,
  });
}

function mapWriteError(id: string) {
  return async (error: unknown): Promise<never> => {
    if (error instanceof StationWriteError) {
      if (error.reason === 'duplicateExternalId')
        throw new AppError('DUPLICATE_EXTERNAL_ID', { cause: error });
      if (error.reason === 'notFound') throw new AppError('STATION_NOT_FOUND', { cause: error });
      return conflict(id, error);
    }
    throw error;
  };
}

/**
 * The place codes of a draft, derived here and never taken from a client: the county from its
 * org and 区县, the town from its address (see lib/places). None when no county is recognised.
 */
function placeOf(draft: StationDraft): Pick<Station, 'place'> {
  const place = stationPlaceOf(draft);
  return place ? { place } : {};
}

/** A new station record from a draft; shared with the importer. */
export function newStation(draft: StationDraft, at: Date): Station {
  const stamp = at.toISOString();
  return {
    ...draft,
    ...placeOf(draft),
    id: newStationId(),
    status: { state: 'open' },
    photos: [],
    photosVersion: 0,
    lastVerifiedAt: null,
    lastVerifiedBy: null,
    rating: { count: 0, average: 0, stars: [0, 0, 0, 0, 0] },
    openReports: 0,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** The fields a draft owns (the rest of a record is the system's: status, counters, stamps). */
const draftFields = new Set<string>(Object.keys(stationDraftSchema.shape));

/**
 * The previous record with the draft's fields, one version on. The rule of every edit (form or
 * import): the draft owns all its fields, so an optional one it leaves out (phone, external id,
 * season …) is cleared, never inherited from the previous record.
 */
export function editedStation(previous: Station, draft: StationDraft, at: Date): Station {
  const kept = Object.fromEntries(
    Object.entries(previous).filter(([field]) => !draftFields.has(field) && field !== 'place'),
  ) as Omit<Station, keyof StationDraft>;
  // The place follows the draft's org, 区县 and address: derived again on every edit.
  return { ...kept, ...draft, ...placeOf(draft), version: previous.version + 1, updatedAt: at.toISOString() };
}

/** Scope was checked on the draft's orgPath by the pipeline. */
export async function createStation(draft: StationDraft): Promise<ManagedStation> {
  await assertOrgExists(draft.orgPath);
  const at = now();
  const station = newStation(draft, at);
  await insertStation(station).catch(mapWriteError(station.id));
  return toManagedStation(station, at);
}

export async function updateStation(
  caller: Caller,
  id: string,
  body: StationDraft & { version: number },
): Promise<ManagedStation> {
  const { version, ...draft } = body;
  const previous = await loadManagedStation(caller, id);
  if (previous.version !== version) return conflict(id, new Error('stale version'));
  if (draft.orgPath !== previous.orgPath) await assertOrgExists(draft.orgPath);
  const at = now();
  // Open problems and held comments move with the station to its new org.
  const saved = await saveEditedStation(editedStation(previous, draft, at), previous, version, at).catch(
    mapWriteError(id),
  );
  return toManagedStation(saved, at);
}

export async function setStationStatus(
  caller: Caller,
  id: string,
  body: { version: number; status: StationStatus },
): Promise<ManagedStation> {
  const at = now();
  // On the app clock (tests hold it), before anything is read: a past or far reopen time is a 400.
  const problem =
    body.status.state === 'temporarilyClosed' && body.status.until !== undefined
      ? reopenTimeProblem(body.status.until, at)
      : null;
  if (problem) {
    throw new AppError('VALIDATION_FAILED', {
      details: { issues: [{ path: 'body.status.until', message: problem }] },
    });
  }
  const read = await loadManagedStation(caller, id);
  const saved = await updateStationStatus(id, body.status, body.version, at, read).catch(mapWriteError(id));
  return toManagedStation(saved, at);
}

export async function verifyStation(caller: Caller, id: string): Promise<ManagedStation> {
  await loadManagedStation(caller, id);
  const at = now();
  const saved = await markStationVerified(id, caller.nickname, at).catch(mapWriteError(id));
  return toManagedStation(saved, at);
}
