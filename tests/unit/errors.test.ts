import { errorBodySchema, errorCatalog } from '@ankang/shared';
import { describe, expect, it } from 'vitest';

describe('Errors: the shared catalog', () => {
  it('gives every code a Chinese message and an HTTP error status', () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      expect(entry.message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
    }
  });

  it('refuses an error body with an unknown code', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'NOPE', message: 'x' } }).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: 'FORBIDDEN', message: '没有权限' } }).success).toBe(
      true,
    );
  });
});
