import { photoIdSchema, photoOwnerSchema, photoUploadRequestSchema } from '@ankang/shared';
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

  it('knows delivery and station owners only, each with its own id format', () => {
    expect(photoOwnerSchema.safeParse({ kind: 'station', id: 'st_abcdefgh' }).success).toBe(true);
    expect(photoOwnerSchema.safeParse({ kind: 'station', id: `dl_${'b'.repeat(32)}` }).success).toBe(false);
    expect(photoOwnerSchema.safeParse({ kind: 'delivery', id: 'st_abcdefgh' }).success).toBe(false);
    expect(photoOwnerSchema.safeParse({ kind: 'report', id: 'rp_abcdefgh' }).success).toBe(false);
  });
});
