import type { PhotoOwner, StationGallery, StationGalleryEdit } from '@ankang/shared';
import { deleteObject } from '../db/objectStore';
import { setStationGallery } from '../db/photoGallery';
import { getPhotosByIds, photoObjectKeys } from '../db/photos';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { loadManagedStation } from './managedStations';
import { attachPhotos } from './photos';
import { attachedPhotoViews } from './photoViews';

const stationOwner = (id: string): PhotoOwner => ({ kind: 'station', id });

async function galleryOf(stationId: string, ids: readonly string[], photosVersion: number) {
  return { photos: await attachedPhotoViews(stationOwner(stationId), ids), photosVersion };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, index) => id === b[index]);

/** A station's gallery for its editor: staff in scope of the station as stored. */
export async function getStationPhotos(caller: Caller, stationId: string): Promise<StationGallery> {
  const station = await loadManagedStation(caller, stationId);
  return galleryOf(station.id, station.photos, station.photosVersion);
}

/**
 * Staff set a station's gallery: the photos it keeps, in order. New ids must be landed photos of
 * this station sent by the caller; ids it holds already may be a colleague's. Removed photos are
 * forgotten and their files deleted. Refused with 409 when the gallery changed since
 * `photosVersion` (another editor saved first); the same edit sent again after it was saved is
 * answered with the gallery as it is.
 */
export async function updateStationPhotos(
  caller: Caller,
  stationId: string,
  body: StationGalleryEdit,
): Promise<StationGallery> {
  const station = await loadManagedStation(caller, stationId);
  const owner = stationOwner(station.id);
  const ids = await attachPhotos(owner, body.photoIds, caller, { kept: station.photos });
  if (station.photosVersion === body.photosVersion + 1 && sameList(station.photos, ids)) {
    return galleryOf(station.id, ids, station.photosVersion);
  }
  if (station.photosVersion !== body.photosVersion) throw conflict(station.photosVersion);
  const wanted = new Set(ids);
  const removed = await getPhotosByIds(station.photos.filter((id) => !wanted.has(id)));
  const outcome = await setStationGallery({
    stationId: station.id,
    photoIds: ids,
    expectedVersion: body.photosVersion,
    added: ids.filter((id) => !station.photos.includes(id)),
    removed,
    at: now().toISOString(),
  });
  if (outcome === 'conflict') throw conflict(null);
  if (outcome === 'photoGone') throw new AppError('PHOTO_NOT_FOUND');
  // Their items are gone, so nothing links to these files any more; a failed delete leaves an
  // unreachable file behind, never a broken gallery.
  await Promise.allSettled(removed.map((photo) => deleteObject(photoObjectKeys.kept(photo))));
  return galleryOf(station.id, ids, body.photosVersion + 1);
}

/** 409 with the gallery's current version (in `currentVersion`, as every edit's conflict says it). */
function conflict(currentPhotosVersion: number | null): AppError {
  return new AppError('VERSION_CONFLICT', {
    message: '驿站照片已被他人修改，请刷新后重试',
    ...(currentPhotosVersion === null ? {} : { details: { currentVersion: currentPhotosVersion } }),
  });
}
