import { MAX_STATION_PHOTOS, type PhotoOwner } from '@ankang/shared';
import { copyObject } from '../db/objectStore';
import { setStationGallery } from '../db/photoGallery';
import { getPhotosByIds, insertPhotoWithRetry, photoObjectKeys, type StoredPhoto } from '../db/photos';
import { getStationById } from '../db/stations';
import type { StoredSuggestion } from '../db/suggestions';
import { contentHash } from '../lib/contentHash';
import { releaseUnattachedStationPhoto } from './photos';

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
async function copyToStation(original: StoredPhoto, stationId: string, at: string): Promise<StoredPhoto> {
  // A station photo never expires (its gallery releases what it does not take): no expiresAt.
  const { expiresAt: _expiry, ...kept } = original;
  const copy: StoredPhoto = {
    ...kept,
    id: draftPhotoIdOf(original.id),
    owner: { kind: 'station', id: stationId },
    state: 'landed',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await copyObject(photoObjectKeys.kept(original), photoObjectKeys.kept(copy));
  const outcome = await insertPhotoWithRetry(copy, MAX_STATION_PHOTOS);
  // The suggester holds at most 3 photos on a new station: 'full' cannot pass the cap of 9.
  if (outcome !== 'inserted' && outcome !== 'exists') {
    throw new Error(`draft photo ${copy.id}: could not be stored (${outcome})`);
  }
  return copy;
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
  const copies: StoredPhoto[] = [];
  // One after another: each insert touches the same photo set of the suggester on the station.
  for (const original of originals) copies.push(await copyToStation(original, stationId, stamp));
  const ids = copies.map((copy) => copy.id);
  const outcome = await setStationGallery({
    stationId,
    photoIds: ids,
    expectedVersion: 0,
    added: ids,
    removed: [],
    at: stamp,
  });
  if (outcome === 'photoGone') throw new Error(`draft station ${stationId}: a copied photo is gone`);
  // 'conflict': a racing retry set it first (or staff saved a gallery): that one stands, and the
  // copies it did not take go now (a copy it holds is left alone: the release checks the gallery).
  // One after another: each release touches the same photo set of the suggester on the station.
  if (outcome !== 'conflict') return;
  for (const copy of copies) await releaseUnattachedStationPhoto(copy);
}
