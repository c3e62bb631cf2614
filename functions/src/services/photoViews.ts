import { maxPhotosPerOwner, type PhotoOwner, type PhotoView, photoIdSchema } from '@ankang/shared';
import { presignGet } from '../db/objectStore';
import { getPhotosByIds, photoObjectKeys, type StoredPhoto } from '../db/photos';
import { now } from '../lib/clock';

/** A view's link works for at least this long after it is handed out. */
export const PHOTO_VIEW_SECONDS = 60 * 60;
/**
 * Links are signed at the start of the current window and last one window longer than promised, so
 * the same photo keeps the same URL for a while and clients can cache the file.
 */
const SIGNING_WINDOW_SECONDS = 30 * 60;

/** Which photos of an owner to show: those of `ids` (in that order), and only `uploaderUserId`'s. */
export interface PhotoViewRequest {
  owner: PhotoOwner;
  ids: readonly string[];
  uploaderUserId?: string;
}

function shown(photo: StoredPhoto | undefined, request: PhotoViewRequest): photo is StoredPhoto {
  return (
    photo !== undefined &&
    photo.state === 'landed' &&
    photo.owner.kind === request.owner.kind &&
    photo.owner.id === request.owner.id &&
    (request.uploaderUserId === undefined || photo.uploaderUserId === request.uploaderUserId)
  );
}

/** The ids worth reading: well-formed, once each, at most an owner's cap. */
function wantedIds(request: PhotoViewRequest): string[] {
  const valid = request.ids.filter((id) => photoIdSchema.safeParse(id).success);
  return [...new Set(valid)].slice(0, maxPhotosPerOwner[request.owner.kind]);
}

/**
 * Views of several owners' photos with one batched read (a page of deliveries costs one BatchGet,
 * not one read per record). Each answer holds only landed photos of that owner whose id was asked
 * for (and, when given, sent by that uploader), in the order asked; anything else is left out.
 */
export async function photoViewsForMany(requests: readonly PhotoViewRequest[]): Promise<PhotoView[][]> {
  const wanted = requests.map(wantedIds);
  const photos = await getPhotosByIds([...new Set(wanted.flat())]);
  const byId = new Map(photos.map((photo) => [photo.id, photo]));
  return Promise.all(
    requests.map((request, index) =>
      signedViews(wanted[index]!.map((id) => byId.get(id)).filter((photo) => shown(photo, request))),
    ),
  );
}

/** Links to kept files, signed at the start of the current window (see SIGNING_WINDOW_SECONDS). */
function signedViews(photos: readonly Pick<StoredPhoto, 'id' | 'owner'>[]): Promise<PhotoView[]> {
  const windowMs = SIGNING_WINDOW_SECONDS * 1000;
  const signedAt = new Date(Math.floor(now().getTime() / windowMs) * windowMs);
  const expiresIn = PHOTO_VIEW_SECONDS + SIGNING_WINDOW_SECONDS;
  const expiresAt = new Date(signedAt.getTime() + expiresIn * 1000).toISOString();
  return Promise.all(
    photos.map(async (photo) => ({
      id: photo.id,
      url: await presignGet(photoObjectKeys.kept(photo), { expiresIn, signedAt }),
      expiresAt,
    })),
  );
}

/**
 * Views of photos an owner holds after attachPhotos checked them (a station's gallery): signed
 * straight from the ids, with no read, so a page of stations costs no photo reads. Only for ids
 * the owner's own record lists; ids from a request go through photoViewsFor.
 */
export function attachedPhotoViews(owner: PhotoOwner, ids: readonly string[]): Promise<PhotoView[]> {
  return signedViews(wantedIds({ owner, ids }).map((id) => ({ id, owner })));
}

/**
 * Views of one owner's photos: only landed ones among `only.ids` (in that order), and only those
 * `only.uploaderUserId` sent when given (a delivery shows its volunteer's photos, never another
 * person's photo put under its id). One bounded read; links valid for at least an hour.
 */
export async function photoViewsFor(
  owner: PhotoOwner,
  only: { ids: readonly string[]; uploaderUserId?: string },
): Promise<PhotoView[]> {
  const [views] = await photoViewsForMany([{ owner, ...only }]);
  return views ?? [];
}
