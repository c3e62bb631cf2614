import { MAX_STATION_PHOTOS, type PhotoOwner } from '@ankang/shared';
import { copyObject } from '../db/objectStore';
import { setStationGallery } from '../db/photoGallery';
import { getPhotosByIds, insertPhoto, photoObjectKeys, type StoredPhoto } from '../db/photos';
import { getStationById } from '../db/stations';
import type { StoredSuggestion } from '../db/suggestions';
import { contentHash } from '../lib/contentHash';

/** Tries when a concurrent write touched the suggester's photo set on the draft at the same moment. */
const INSERT_ROUNDS = 4;

/** A suggestion's photos are owned by its client-made request id (they are sent before it). */
export function suggestionPhotoOwner(requestId: string): PhotoOwner {
  return { kind: 'suggestion', id: requestId };
}

/**
 * The draft station's copy of a suggestion photo: its id follows from the original's, so a retried
 * approval finds the copy it made before instead of making a second.
 */
export function draftPhotoIdOf(photoId: string): string {
  return `ph_${contentHash(['draftStationPhoto', photoId]).slice(0, 32)}`;
}

/** The landed photos a suggestion claimed, in its order (a photo gone since is left out). */
async function claimedPhotos(suggestion: StoredSuggestion): Promise<StoredPhoto[]> {
  if (!suggestion.photoOwnerId || suggestion.photoIds.length === 0) return [];
  const owner = suggestionPhotoOwner(suggestion.photoOwnerId);
  const byId = new Map((await getPhotosByIds(suggestion.photoIds)).map((photo) => [photo.id, photo]));
  return suggestion.photoIds
    .map((id) => byId.get(id))
    .filter(
      (photo): photo is StoredPhoto =>
        photo !== undefined &&
        photo.state === 'landed' &&
        photo.owner.kind === owner.kind &&
        photo.owner.id === owner.id,
    );
}

/**
 * The station's own photo for a suggestion photo: its file copied under the station (a gallery
 * signs links by its owner's keys) and its item stored landed, sent by the suggester. Idempotent:
 * the copy is rewritten and an item already there (an earlier try) is left as it is.
 */
async function copyToStation(original: StoredPhoto, stationId: string, at: string): Promise<string> {
  const copy: StoredPhoto = {
    ...original,
    id: draftPhotoIdOf(original.id),
    owner: { kind: 'station', id: stationId },
    state: 'landed',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await copyObject(photoObjectKeys.kept(original), photoObjectKeys.kept(copy));
  for (let round = 0; round < INSERT_ROUNDS; round += 1) {
    const outcome = await insertPhoto(copy, MAX_STATION_PHOTOS);
    if (outcome === 'inserted' || outcome === 'exists') return copy.id;
    // The suggester holds at most 3 photos on a new station: 'full' cannot pass the cap of 9.
    if (outcome === 'full') break;
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
  throw new Error(`draft photo ${copy.id}: could not be stored`);
}

/**
 * An approved suggestion's photos become its draft station's gallery, through the same gallery
 * write staff use (setStationGallery), only while the gallery is still as made (version 0): a
 * retried approval sets it once, and a gallery staff arranged meanwhile is never overwritten. At
 * most 3 photos, well within a station's 9.
 */
export async function ensureDraftGallery(suggestion: StoredSuggestion, stationId: string, at: Date) {
  const originals = await claimedPhotos(suggestion);
  if (originals.length === 0) return;
  // A gallery once set only moves on: nothing to copy. A station not seen yet (a read just after
  // its insert may miss it) is left to the gallery write's own condition.
  const seen = await getStationById(stationId);
  if (seen && seen.photosVersion > 0) return;
  const stamp = at.toISOString();
  const ids: string[] = [];
  // One after another: each insert touches the same photo set of the suggester on the station.
  for (const original of originals) ids.push(await copyToStation(original, stationId, stamp));
  const outcome = await setStationGallery({
    stationId,
    photoIds: ids,
    expectedVersion: 0,
    added: ids,
    removed: [],
    at: stamp,
  });
  // 'conflict': a racing retry set it first (or staff saved a gallery): that one stands. The copies
  // it did not take are released a day later like any photo a gallery never took.
  if (outcome === 'photoGone') throw new Error(`draft station ${stationId}: a copied photo is gone`);
}
