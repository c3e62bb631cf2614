import {
  maxPhotosPerOwner,
  photoIdListSchema,
  photoIdSchema,
  photoOwnerSchema,
  photoUploadRequestSchema,
  stationGalleryEditSchema,
} from '@ankang/shared';
import { describe, expect, it } from 'vitest';

const request = (overrides: Record<string, unknown> = {}) => ({
  id: `ph_${'a'.repeat(32)}`,
  owner: { kind: 'delivery', id: `dl_${'b'.repeat(32)}` },
  contentType: 'image/jpeg',
  size: 200_000,
  ...overrides,
});

describe('photo schemas', () => {
  it.each([
    [`ph_${'0'.repeat(16)}`, true],
    [`ph_${'z'.repeat(40)}`, true],
    [`ph_${'0'.repeat(15)}`, false],
    [`ph_${'0'.repeat(41)}`, false],
    [`ph_${'A'.repeat(20)}`, false],
    [`ph_${'0'.repeat(16)}/`, false],
    [`dl_${'0'.repeat(16)}`, false],
  ])('photo id %s valid: %s', (id, valid) => {
    expect(photoIdSchema.safeParse(id).success).toBe(valid);
  });

  it('takes a file of exactly 5 MB and refuses one byte more', () => {
    expect(photoUploadRequestSchema.safeParse(request({ size: 5 * 1024 * 1024 })).success).toBe(true);
    const over = photoUploadRequestSchema.safeParse(request({ size: 5 * 1024 * 1024 + 1 }));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe('照片不能超过 5 MB');
  });

  it.each(['image/jpeg', 'image/png', 'image/webp'])('takes %s', (contentType) => {
    expect(photoUploadRequestSchema.safeParse(request({ contentType })).success).toBe(true);
  });

  it.each(['image/gif', 'image/svg+xml', 'image/heic', 'IMAGE/JPEG', 'image/jpeg; charset=x', ''])(
    'refuses %j with a Chinese message',
    (contentType) => {
      const parsed = photoUploadRequestSchema.safeParse(request({ contentType }));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('照片仅支持 JPG、PNG、WebP 格式');
    },
  );

  it('knows delivery, station and report owners, each with its own id format', () => {
    expect(photoOwnerSchema.safeParse({ kind: 'station', id: 'st_abcdefgh' }).success).toBe(true);
    expect(photoOwnerSchema.safeParse({ kind: 'station', id: `dl_${'b'.repeat(32)}` }).success).toBe(false);
    expect(photoOwnerSchema.safeParse({ kind: 'delivery', id: 'st_abcdefgh' }).success).toBe(false);
    // A report's photos are owned by its client-made requestId (a UUID), never by a report id.
    expect(
      photoOwnerSchema.safeParse({ kind: 'report', id: '0b8c1f3e-2d4a-4c5b-9e6f-7a8b9c0d1e2f' }).success,
    ).toBe(true);
    expect(photoOwnerSchema.safeParse({ kind: 'report', id: 'rp_abcdefgh' }).success).toBe(false);
    expect(photoOwnerSchema.safeParse({ kind: 'report', id: 'abc#PHOTO' }).success).toBe(false);
    expect(photoOwnerSchema.safeParse({ kind: 'report', id: 'a'.repeat(65) }).success).toBe(false);
    expect(photoOwnerSchema.safeParse({ kind: 'hardship', id: 'abcdefgh' }).success).toBe(false);
    expect(maxPhotosPerOwner).toMatchObject({ delivery: 3, station: 9, report: 3 });
  });

  it('lists photos to attach once each, at most the cap', () => {
    const id = (n: number) => `ph_${String(n).padStart(16, '0')}`;
    const three = photoIdListSchema(3);
    expect(three.safeParse([id(1), id(2), id(3)]).success).toBe(true);
    expect(three.safeParse([]).success).toBe(true);
    expect(three.safeParse([id(1), id(2), id(3), id(4)]).error?.issues[0]?.message).toBe('照片最多 3 张');
    expect(three.safeParse([id(1), id(1)]).error?.issues[0]?.message).toBe('照片重复');
    expect(three.safeParse(['ph_short']).success).toBe(false);
  });

  it('takes a gallery edit of up to nine photos with a version from 0', () => {
    const ids = Array.from({ length: 9 }, (_, n) => `ph_${String(n).padStart(16, '0')}`);
    expect(stationGalleryEditSchema.safeParse({ photoIds: ids, photosVersion: 0 }).success).toBe(true);
    expect(
      stationGalleryEditSchema.safeParse({ photoIds: [...ids, `ph_${'9'.repeat(20)}`], photosVersion: 0 })
        .success,
    ).toBe(false);
    for (const photosVersion of [-1, 1.5, '1', null]) {
      expect(stationGalleryEditSchema.safeParse({ photoIds: [], photosVersion }).success).toBe(false);
    }
  });
});
