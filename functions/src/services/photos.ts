import {
  maxPhotosPerOwner,
  type PhotoOwner,
  type PhotoUploadRequest,
  type PhotoUploadResult,
  type PhotoUploadTicket,
} from '@ankang/shared';
import { copyObject, deleteObject, headObject, presignPut, readObjectStart } from '../db/objectStore';
import { removeUnattachedStationPhoto } from '../db/photoGallery';
import {
  dropPhotoSlot,
  getPhoto,
  getPhotoSlots,
  getPhotosByIds,
  insertPhoto,
  markPhotoLanded,
  photoObjectKeys,
  removeIncomingPhoto,
  type StoredPhoto,
} from '../db/photos';
import { getStationById } from '../db/stations';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { IMAGE_SIGNATURE_BYTES, sniffImageType } from '../lib/imageType';
import type { Caller } from './caller';
import { assertInScope } from './scope';

/** How long an upload URL works: long enough for a slow phone network, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Tries when a concurrent upload touched the uploader's photo set at the same moment. */
const INSERT_ROUNDS = 4;
/**
 * An upload never completed for this long is given up: its file is gone (the bucket drops
 * `incoming/` after a day) and its place may go to another photo. Should the phone still send it,
 * asking again under the same id simply makes it anew.
 */
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

const ownerNames: Record<PhotoOwner['kind'], string> = {
  delivery: '每条记录',
  station: '每个驿站',
  report: '每次反映',
  suggestion: '每条建议',
};

function tooMany(kind: PhotoOwner['kind']): AppError {
  const max = maxPhotosPerOwner[kind];
  return new AppError('TOO_MANY_PHOTOS', {
    message: `照片数量已达上限（${ownerNames[kind]}最多 ${max} 张）`,
  });
}

/**
 * Who may add photos to what. A delivery's, a report's or a suggestion's photos: anyone signed in
 * (the record is written after its photos; it shows only photos its writer sent, see photoViewsFor
 * and attachPhotos). A station's: staff in scope of the station as stored.
 */
async function assertMayAddPhoto(caller: Caller, owner: PhotoOwner): Promise<void> {
  if (owner.kind !== 'station') return;
  if (!caller.roles.includes('staff') && !caller.roles.includes('admin')) throw new AppError('FORBIDDEN');
  const station = await getStationById(owner.id);
  if (!station) throw new AppError('STATION_NOT_FOUND');
  assertInScope(caller, station.orgPath);
}

/** Whether a stored photo is what this request asks for (the same id sent again as a retry). */
function sameRequest(photo: StoredPhoto, caller: Caller, body: PhotoUploadRequest): boolean {
  return (
    photo.uploaderUserId === caller.userId &&
    photo.owner.kind === body.owner.kind &&
    photo.owner.id === body.owner.id &&
    photo.contentType === body.contentType &&
    photo.size === body.size
  );
}

async function ticketFor(photo: StoredPhoto, at: Date): Promise<PhotoUploadTicket> {
  const uploadUrl = await presignPut(photoObjectKeys.incoming(photo.id), {
    contentType: photo.contentType,
    contentLength: photo.size,
    expiresIn: UPLOAD_URL_SECONDS,
  });
  return {
    id: photo.id,
    uploadUrl,
    method: 'PUT',
    headers: { 'Content-Type': photo.contentType },
    expiresAt: new Date(at.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    state: photo.state,
  };
}

/**
 * Room for one photo: a presigned PUT of exactly the asked type and size. The same id asked again
 * with the same owner, type and size (a retry) gets a fresh URL for the same object; with anything
 * different it is 409 REQUEST_ID_REUSED. An uploader has at most `maxPhotosPerOwner` photos on one
 * owner (409 TOO_MANY_PHOTOS).
 */
export async function createPhotoUpload(
  caller: Caller,
  body: PhotoUploadRequest,
): Promise<PhotoUploadTicket> {
  await assertMayAddPhoto(caller, body.owner);
  const at = now();
  const photo: StoredPhoto = {
    id: body.id,
    owner: body.owner,
    uploaderUserId: caller.userId,
    contentType: body.contentType,
    size: body.size,
    state: 'incoming',
    version: 1,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  for (let round = 0; round < INSERT_ROUNDS; round += 1) {
    const outcome = await insertPhoto(photo, maxPhotosPerOwner[body.owner.kind]);
    if (outcome === 'inserted') return ticketFor(photo, at);
    if (outcome === 'exists') {
      const earlier = await getPhoto(body.id);
      // Refused and forgotten in between: the id is free again.
      if (!earlier) continue;
      if (!sameRequest(earlier, caller, body)) throw new AppError('REQUEST_ID_REUSED');
      return ticketFor(earlier, at);
    }
    if (outcome === 'full' && (await releaseStaleUploads(body.owner, caller.userId, at)) > 0) continue;
    if (outcome === 'full') throw tooMany(body.owner.kind);
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
  throw new Error(`photo ${body.id}: the uploader's photo set stayed contended`);
}

/**
 * Frees the places that uploads given up on hold in an uploader's full set (and ids whose photo is
 * gone), so a photo lost on a phone does not block a new one for good; for a station, also photos
 * sent a day ago that its gallery never took (an edit left unsaved). Returns how many were freed.
 */
async function releaseStaleUploads(owner: PhotoOwner, uploaderUserId: string, at: Date): Promise<number> {
  const ids = await getPhotoSlots(owner, uploaderUserId);
  const photos = new Map((await getPhotosByIds(ids)).map((photo) => [photo.id, photo]));
  const shown = owner.kind === 'station' ? new Set((await getStationById(owner.id))?.photos) : null;
  const freed = await Promise.all(
    ids.map(async (id) => {
      const photo = photos.get(id);
      if (!photo) {
        await dropPhotoSlot(owner, uploaderUserId, id);
        return true;
      }
      if (at.getTime() - Date.parse(photo.createdAt) <= STALE_UPLOAD_MS) return false;
      if (photo.state === 'incoming') return removeIncomingPhoto(photo);
      if (!shown || shown.has(id) || !(await removeUnattachedStationPhoto(photo))) return false;
      await deleteObject(photoObjectKeys.kept(photo));
      return true;
    }),
  );
  return freed.filter(Boolean).length;
}

function landedResult(photo: StoredPhoto): PhotoUploadResult {
  return {
    id: photo.id,
    owner: photo.owner,
    contentType: photo.contentType,
    size: photo.size,
    state: 'landed',
  };
}

/** The media type without parameters, as S3 or s3rver report what the uploader sent. */
function mediaType(contentType: string | null): string | null {
  return contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
}

/** A racing completion may have landed the photo (and removed its upload) meanwhile. */
async function landedMeanwhile(id: string): Promise<PhotoUploadResult | null> {
  const latest = await getPhoto(id);
  return latest?.state === 'landed' ? landedResult(latest) : null;
}

/** Drops a refused file and its record, so the id may be asked for again with a proper file. */
async function refuse(photo: StoredPhoto, incomingKey: string): Promise<never> {
  await deleteObject(incomingKey);
  await removeIncomingPhoto(photo);
  throw new AppError('PHOTO_INVALID');
}

/**
 * The uploader says the file is sent: check that the stored object is what was signed (S3 enforces
 * the signed headers; s3rver does not, and nothing proves the bytes are an image), keep it under
 * `photos/`, and mark the photo landed. Idempotent: a landed photo answers the same again.
 */
export async function completePhotoUpload(caller: Caller, id: string): Promise<PhotoUploadResult> {
  const photo = await getPhoto(id);
  // Another person's photo is answered as if there were none: ids are not to be probed.
  if (!photo || photo.uploaderUserId !== caller.userId) throw new AppError('PHOTO_NOT_FOUND');
  if (photo.state === 'landed') return landedResult(photo);

  const incomingKey = photoObjectKeys.incoming(id);
  const head = await headObject(incomingKey);
  if (!head) {
    const landed = await landedMeanwhile(id);
    if (landed) return landed;
    throw new AppError('PHOTO_NOT_UPLOADED');
  }
  if (head.contentLength !== photo.size || mediaType(head.contentType) !== photo.contentType) {
    return refuse(photo, incomingKey);
  }
  const start = await readObjectStart(incomingKey, IMAGE_SIGNATURE_BYTES);
  if (!start) {
    const landed = await landedMeanwhile(id);
    if (landed) return landed;
    throw new AppError('PHOTO_NOT_UPLOADED');
  }
  if (sniffImageType(start) !== photo.contentType) return refuse(photo, incomingKey);

  try {
    await copyObject(incomingKey, photoObjectKeys.kept(photo));
  } catch (error) {
    // A racing completion kept it and removed the upload between our reads and this copy.
    const landed = await landedMeanwhile(id);
    if (landed) return landed;
    throw error;
  }
  if (!(await markPhotoLanded(photo, now().toISOString()))) {
    const landed = await landedMeanwhile(id);
    if (landed) return landed;
    throw new AppError('PHOTO_NOT_FOUND');
  }
  // The upload is no longer needed; should this fail, the bucket's lifecycle rule removes it.
  await deleteObject(incomingKey);
  return landedResult(photo);
}

/**
 * Checks the photos a write attaches to its owner (a report's photoIds, a station's gallery) and
 * answers them once each, in the order given: every id must be a landed photo of exactly this
 * owner, sent by the caller — except ids in `options.kept` (photos the owner holds already, which a
 * colleague may have sent). One bounded read (at most the owner's cap). Refuses as a whole:
 * more than the cap → 409 TOO_MANY_PHOTOS; an id that is missing, another owner's or another
 * person's → 404 PHOTO_NOT_FOUND (ids are not to be probed); not landed yet → 409 PHOTO_NOT_UPLOADED.
 * Nothing is written: a photo's owner is fixed when it is asked for, so checking is claiming.
 */
export async function attachPhotos(
  owner: PhotoOwner,
  photoIds: readonly string[],
  caller: Caller,
  options: { kept?: readonly string[] } = {},
): Promise<string[]> {
  const ids = [...new Set(photoIds)];
  if (ids.length > maxPhotosPerOwner[owner.kind]) throw tooMany(owner.kind);
  if (ids.length === 0) return [];
  const kept = new Set(options.kept ?? []);
  const photos = new Map((await getPhotosByIds(ids)).map((photo) => [photo.id, photo]));
  for (const id of ids) {
    const photo = photos.get(id);
    const mine = photo?.uploaderUserId === caller.userId || kept.has(id);
    if (!photo || !mine || photo.owner.kind !== owner.kind || photo.owner.id !== owner.id) {
      throw new AppError('PHOTO_NOT_FOUND');
    }
  }
  if (ids.some((id) => photos.get(id)?.state !== 'landed')) throw new AppError('PHOTO_NOT_UPLOADED');
  return ids;
}
