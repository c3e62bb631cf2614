import {
  maxPhotosPerOwner,
  type PhotoOwner,
  type PhotoUploadRequest,
  type PhotoUploadResult,
  type PhotoUploadTicket,
} from '@ankang/shared';
import {
  copyObject,
  deleteObject,
  headObject,
  presignPut,
  readObjectStart,
  tagObject,
} from '../db/objectStore';
import { removeUnattachedStationPhoto } from '../db/photoGallery';
import {
  dropPhotoSlot,
  getPhoto,
  getPhotoSlots,
  getPhotosByIds,
  insertPhotoWithRetry,
  markPhotoLanded,
  PHOTO_STATE_TAG,
  photoClaims,
  photoObjectKeys,
  removeIncomingPhoto,
  type StoredPhoto,
} from '../db/photos';
import { getStationById } from '../db/stations';
import type { TransactItem } from '../db/transactions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { IMAGE_SIGNATURE_BYTES, sniffImageType } from '../lib/imageType';
import { logger } from '../lib/logger';
import type { Caller } from './caller';
import { dailyQuota, type LimitedAction, rateLimited } from './limits';
import { assertInScope } from './scope';

/** How long an upload URL works: long enough for a slow phone network, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/**
 * How long a worker's photo (report, suggestion) may wait to be attached after it is asked for:
 * then the table's TTL drops its item, and the bucket's lifecycle rule its file a day or more later.
 */
export const UNATTACHED_PHOTO_SECONDS = 24 * 60 * 60;
/** Rounds of asking again when an id was freed or places released in between. */
const CREATE_ROUNDS = 3;
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

/**
 * Owners anyone signed in may add photos to, under a client-made id: each photo expires unless a
 * report or suggestion takes it.
 */
function isWorkerOwner(owner: PhotoOwner): boolean {
  return owner.kind === 'report' || owner.kind === 'suggestion';
}

/**
 * The daily cap each photo asked for counts towards, by owner. Anyone signed in may ask for report,
 * suggestion and delivery photos, each under an id of their own making, so each kind has a cap per
 * person (delivery photos their own: a day of deliveries takes more than a day's say). A station's
 * are bounded by its staff and its gallery.
 */
const dailyCapOf: Record<PhotoOwner['kind'], LimitedAction | null> = {
  report: 'photo',
  suggestion: 'photo',
  delivery: 'deliveryPhoto',
  station: null,
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
 * with the same owner, type and size (a retry) gets a fresh URL for the same object and counts
 * nothing; with anything different it is 409 REQUEST_ID_REUSED. An uploader has at most
 * `maxPhotosPerOwner` photos on one owner (409 TOO_MANY_PHOTOS). Report and suggestion photos, and
 * delivery photos apart, count towards the person's day (429 RATE_LIMITED past the cap, see
 * dailyCapOf); report and suggestion photos expire unless attached.
 */
export async function createPhotoUpload(
  caller: Caller,
  body: PhotoUploadRequest,
): Promise<PhotoUploadTicket> {
  await assertMayAddPhoto(caller, body.owner);
  const at = now();
  const worker = isWorkerOwner(body.owner);
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
    ...(worker ? { expiresAt: Math.floor(at.getTime() / 1000) + UNATTACHED_PHOTO_SECONDS } : {}),
  };
  const capped = dailyCapOf[body.owner.kind];
  const quota = capped ? await dailyQuota(caller.userId, capped, at) : undefined;
  for (let round = 0; round < CREATE_ROUNDS; round += 1) {
    const outcome = await insertPhotoWithRetry(photo, maxPhotosPerOwner[body.owner.kind], quota);
    if (outcome === 'inserted') return ticketFor(photo, at);
    if (outcome === 'exists') {
      const earlier = await getPhoto(body.id);
      // Refused and forgotten in between: the id is free again.
      if (!earlier) continue;
      if (!sameRequest(earlier, caller, body)) throw new AppError('REQUEST_ID_REUSED');
      return ticketFor(earlier, at);
    }
    if (outcome === 'overQuota' && capped) throw rateLimited(capped);
    if ((await releaseStaleUploads(body.owner, caller.userId, at)) === 0) throw tooMany(body.owner.kind);
  }
  throw new Error(`photo ${body.id}: its id or places kept changing`);
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
      if (!shown || shown.has(id)) return false;
      return releaseUnattachedStationPhoto(photo);
    }),
  );
  return freed.filter(Boolean).length;
}

/**
 * Forgets a landed station photo its gallery does not hold (sent and never saved, or copied from a
 * suggestion for a gallery that was set otherwise meanwhile): its item, its place in the uploader's
 * set and its file. False (nothing done) when the gallery took it or the photo changed meanwhile.
 */
export async function releaseUnattachedStationPhoto(photo: StoredPhoto): Promise<boolean> {
  if (!(await removeUnattachedStationPhoto(photo))) return false;
  // The item is gone, so nothing links to the file; a failed delete leaves an unreachable file.
  await deleteObject(photoObjectKeys.kept(photo));
  return true;
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
    // A worker's photo not attached yet is kept tagged so: the bucket expires it unless a write
    // takes it. Tagged by the copy itself, so no kept file is ever without its tag.
    const tags: Record<string, string> =
      photo.expiresAt !== undefined ? { [PHOTO_STATE_TAG]: 'unattached' } : {};
    await copyObject(incomingKey, photoObjectKeys.kept(photo), tags);
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

/** Photos a write may attach (see checkPhotos): their ids in order, and the photos themselves. */
export interface CheckedPhotos {
  ids: string[];
  photos: StoredPhoto[];
}

/**
 * Checks the photos a write attaches to its owner (a report's photoIds, a station's gallery) and
 * answers them once each, in the order given: every id must be a landed photo of exactly this
 * owner, sent by the caller — except ids in `options.kept` (photos the owner holds already, which a
 * colleague may have sent). One bounded read (at most the owner's cap). Refuses as a whole:
 * more than the cap → 409 TOO_MANY_PHOTOS; an id that is missing, expired, another owner's or
 * another person's → 404 PHOTO_NOT_FOUND (ids are not to be probed); not landed yet → 409
 * PHOTO_NOT_UPLOADED. Nothing is written: a photo's owner is fixed when it is asked for; a worker's
 * photo loses its expiry in the write that takes it (claimPhotos).
 */
export async function checkPhotos(
  owner: PhotoOwner,
  photoIds: readonly string[],
  caller: Caller,
  options: { kept?: readonly string[] } = {},
): Promise<CheckedPhotos> {
  const ids = [...new Set(photoIds)];
  if (ids.length > maxPhotosPerOwner[owner.kind]) throw tooMany(owner.kind);
  if (ids.length === 0) return { ids: [], photos: [] };
  const kept = new Set(options.kept ?? []);
  const nowSeconds = now().getTime() / 1000;
  const photos = new Map((await getPhotosByIds(ids)).map((photo) => [photo.id, photo]));
  for (const id of ids) {
    const photo = photos.get(id);
    const mine = photo?.uploaderUserId === caller.userId || kept.has(id);
    // Past its expiry the table may drop it any moment: as good as gone.
    const expired = photo?.expiresAt !== undefined && photo.expiresAt <= nowSeconds;
    if (!photo || !mine || expired || photo.owner.kind !== owner.kind || photo.owner.id !== owner.id) {
      throw new AppError('PHOTO_NOT_FOUND');
    }
  }
  if (ids.some((id) => photos.get(id)?.state !== 'landed')) throw new AppError('PHOTO_NOT_UPLOADED');
  return { ids, photos: ids.map((id) => photos.get(id)!) };
}

/** checkPhotos for writes whose photos never expire (a station's gallery): the ids alone. */
export async function attachPhotos(
  owner: PhotoOwner,
  photoIds: readonly string[],
  caller: Caller,
  options: { kept?: readonly string[] } = {},
): Promise<string[]> {
  return (await checkPhotos(owner, photoIds, caller, options)).ids;
}

/** Sets the tag that keeps (attached) or lets go (unattached) a worker photo's file. */
function tagPhoto(photo: StoredPhoto, state: 'attached' | 'unattached'): Promise<void> {
  return tagObject(photoObjectKeys.kept(photo), { [PHOTO_STATE_TAG]: state });
}

/**
 * Right before the write that attaches checked photos: their files are tagged attached (so the
 * bucket keeps them), and the transaction items that take their expiry away are answered, to put
 * in that write (cancelled, as PHOTO_NOT_FOUND, if one expired or went meanwhile). Tagged first,
 * not after the write: a crash between a committed write and its tagging would leave an attached
 * photo's file tagged unattached, which the bucket drops; tagged first, a crash keeps a file that
 * need not be kept, and a write that did not take them gives them back (releasePhotoClaims).
 */
export async function claimPhotos(checked: CheckedPhotos, at: Date): Promise<TransactItem[]> {
  const expiring = checked.photos.filter((photo) => photo.expiresAt !== undefined);
  await Promise.all(expiring.map((photo) => tagPhoto(photo, 'attached')));
  return photoClaims(expiring, at);
}

/** Those of `photos` whose item still has its expiry (no write took them), read consistently. */
async function stillExpiring(photos: readonly StoredPhoto[]): Promise<StoredPhoto[]> {
  const ids = photos.map((photo) => photo.id);
  const latest = new Map((await getPhotosByIds(ids, { consistent: true })).map((photo) => [photo.id, photo]));
  return photos.filter((photo) => latest.get(photo.id)?.expiresAt !== undefined);
}

/**
 * After claimPhotos, when the write did not take the photos (refused, answered by an earlier
 * filing of the same request, or failed): the files of those whose item still has its expiry go
 * back to unattached, so the bucket drops them with their items (at most 3 tag calls: the cap of a
 * report or a suggestion). Only the write of the same request id can take these photos (they are
 * the caller's, owned by that id), and it removes the expiry in its own transaction; should such a
 * twin have taken one between the read and the tagging, the read after sees it and tags it attached
 * again. Best effort: a failure here keeps a file (logged), never drops an attached one.
 */
export async function releasePhotoClaims(checked: CheckedPhotos): Promise<void> {
  const claimed = checked.photos.filter((photo) => photo.expiresAt !== undefined);
  if (claimed.length === 0) return;
  try {
    const unclaimed = await stillExpiring(claimed);
    await Promise.all(unclaimed.map((photo) => tagPhoto(photo, 'unattached')));
    const still = new Set((await stillExpiring(unclaimed)).map((photo) => photo.id));
    const takenMeanwhile = unclaimed.filter((photo) => !still.has(photo.id));
    await Promise.all(takenMeanwhile.map((photo) => tagPhoto(photo, 'attached')));
  } catch (error) {
    logger.warn('photo claims not released: their files are kept', { error });
  }
}
