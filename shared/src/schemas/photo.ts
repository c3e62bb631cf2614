import { z } from 'zod';
import { stationIdSchema } from './station';
import { requestIdSchema } from './writes';

/**
 * A photo's client-made id (`ph_` + 16–40 of [0-9a-z]; the client takes a UUID v4 without dashes),
 * so a retried upload names the same photo and the same stored object.
 */
export const photoIdSchema = z.string().regex(/^ph_[0-9a-z]{16,40}$/, '照片编号格式不正确');
export type PhotoId = z.infer<typeof photoIdSchema>;

/** The most photos one uploader may attach to one delivery record. */
export const MAX_DELIVERY_PHOTOS = 3;
/** The most photos one staff member may add to one station. */
export const MAX_STATION_PHOTOS = 9;
/** The most photos one worker may attach to one problem report. */
export const MAX_REPORT_PHOTOS = 3;
/** The most photos one worker may attach to one suggested station (建议新增驿站). */
export const MAX_SUGGESTION_PHOTOS = 3;
/**
 * The most photo uploads one person may ask for per Shanghai day for problem reports and
 * suggestions together (anyone signed in may ask for those): ten full reports or suggestions.
 */
export const PHOTO_DAILY_CAP = 30;
/**
 * The most delivery photo uploads one volunteer may ask for per Shanghai day: three photos for each
 * of forty stops, more than a long day of deliveries.
 */
export const DELIVERY_PHOTO_DAILY_CAP = 120;
/** Largest file accepted (a phone photo compressed on the device is 100–400 KB). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof photoContentTypes)[number];
export const photoContentTypeSchema = z.enum(photoContentTypes, {
  error: '照片仅支持 JPG、PNG、WebP 格式',
});

/**
 * What a photo belongs to. A delivery's id is written out here rather than imported from the
 * delivery schema, which imports this file. A problem report's photos are owned by the report's
 * client-made requestId: the report's own id is a keyed pseudonym the client cannot know before
 * it is filed, and the photos are sent first.
 */
export const photoOwnerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('delivery'),
    id: z.string().regex(/^dl_[0-9a-z]{16,40}$/, '配送记录编号格式不正确'),
  }),
  z.object({ kind: z.literal('station'), id: stationIdSchema }),
  z.object({ kind: z.literal('report'), id: requestIdSchema }),
  // A suggestion's photos, likewise, are owned by its client-made requestId (sent before it).
  z.object({ kind: z.literal('suggestion'), id: requestIdSchema }),
]);
export type PhotoOwner = z.infer<typeof photoOwnerSchema>;
export type PhotoOwnerKind = PhotoOwner['kind'];

/** The most photos one uploader may keep on one owner, per kind of owner. */
export const maxPhotosPerOwner: Record<PhotoOwnerKind, number> = {
  delivery: MAX_DELIVERY_PHOTOS,
  station: MAX_STATION_PHOTOS,
  report: MAX_REPORT_PHOTOS,
  suggestion: MAX_SUGGESTION_PHOTOS,
};

/**
 * The ids of landed photos a write attaches to its owner (a report, a station's gallery): each
 * once, at most `max`. Which of them may be attached is checked by the server (attachPhotos).
 */
export function photoIdListSchema(max: number) {
  return z
    .array(photoIdSchema)
    .max(max, `照片最多 ${max} 张`)
    .refine((ids) => new Set(ids).size === ids.length, '照片重复');
}

export const photoStates = ['incoming', 'landed'] as const;
export type PhotoState = (typeof photoStates)[number];

/** A landed photo as a reader sees it: a time-limited link, never the bucket or the object key. */
export const photoViewSchema = z.object({
  id: photoIdSchema,
  url: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type PhotoView = z.infer<typeof photoViewSchema>;

/** What the uploader asks for: room for one file of this type and exact size. */
export const photoUploadRequestSchema = z.object({
  id: photoIdSchema,
  owner: photoOwnerSchema,
  contentType: photoContentTypeSchema,
  size: z
    .number({ error: '请提供照片大小（字节）' })
    .int('照片大小须为整数字节')
    .min(1, '照片文件为空')
    .max(MAX_PHOTO_BYTES, '照片不能超过 5 MB'),
});
export type PhotoUploadRequest = z.infer<typeof photoUploadRequestSchema>;

/**
 * Where and how to send the file: a presigned PUT that only takes the signed type and length. Send
 * the bytes with exactly `headers` (the runtime adds Content-Length from the body).
 */
export const photoUploadTicketSchema = z.object({
  id: photoIdSchema,
  uploadUrl: z.url(),
  method: z.literal('PUT'),
  headers: z.object({ 'Content-Type': photoContentTypeSchema }),
  expiresAt: z.iso.datetime({ offset: true }),
  state: z.enum(photoStates),
});
export type PhotoUploadTicket = z.infer<typeof photoUploadTicketSchema>;

/** A photo after its upload was checked and kept. */
export const photoUploadResultSchema = z.object({
  id: photoIdSchema,
  owner: photoOwnerSchema,
  contentType: photoContentTypeSchema,
  size: z.number().int(),
  state: z.literal('landed'),
});
export type PhotoUploadResult = z.infer<typeof photoUploadResultSchema>;

/**
 * A station's gallery as staff edit it: its photos in the order shown, and the gallery's own
 * version (0 before its first edit). Kept apart from the station's version, so arranging photos
 * never makes a form edit of the station stale, and two gallery edits never overwrite each other.
 */
export const stationGallerySchema = z.object({
  photos: z.array(photoViewSchema),
  photosVersion: z.number().int().min(0),
});
export type StationGallery = z.infer<typeof stationGallerySchema>;

/** A gallery edit: every photo the station keeps, in order (new ones landed, sent by the caller). */
export const stationGalleryEditSchema = z.object({
  photoIds: photoIdListSchema(MAX_STATION_PHOTOS),
  photosVersion: z.number({ error: '缺少照片版本号' }).int('照片版本号须为整数').min(0, '照片版本号不能为负'),
});
export type StationGalleryEdit = z.infer<typeof stationGalleryEditSchema>;
