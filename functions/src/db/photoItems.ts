/** A photo as stored, its table item and its files' keys: pure (no client), so the seed writes what the API reads. */
import { photoContentTypeSchema, photoIdSchema, photoOwnerSchema, photoStates } from '@ankang/shared';
import { z } from 'zod';
import { photoKeys } from './keys';

/** A photo as stored: what was signed for it, who sent it, and whether its file has landed. */
export const storedPhotoSchema = z.object({
  id: photoIdSchema,
  owner: photoOwnerSchema,
  uploaderUserId: z.string(),
  contentType: photoContentTypeSchema,
  size: z.number().int(),
  state: z.enum(photoStates),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * A worker's photo (report, suggestion) not attached yet: when the table's TTL may drop it (epoch
   * seconds). Removed by the write that attaches it; never set on other kinds.
   */
  expiresAt: z.number().int().optional(),
});
export type StoredPhoto = z.infer<typeof storedPhotoSchema>;

/**
 * Where a photo's file lives in the bucket: uploads arrive under `incoming/` (expired by the
 * bucket's lifecycle rule when never completed) and are kept under `photos/` once checked.
 */
export const photoObjectKeys = {
  incoming: (id: string) => `incoming/${id}`,
  kept: (photo: Pick<StoredPhoto, 'id' | 'owner'>) =>
    `photos/${photo.owner.kind}/${photo.owner.id}/${photo.id}`,
};

/**
 * The tag on a worker photo's kept file: `unattached` from landing until a report or suggestion
 * takes it, then `attached`. The bucket's lifecycle rule expires unattached files.
 */
export const PHOTO_STATE_TAG = 'photo-state';

/** A photo's table item (keys and type added). */
export function photoToItem(photo: StoredPhoto) {
  return { ...photoKeys.photo(photo.id), type: 'Photo', ...photo };
}
