import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { request } from './http';

/**
 * A station of 张家港's union made over HTTP as staff make one, at `location` (the calling file's own
 * place: tests/support/testPlaces.ts), always open, with water; `overrides` replace any field.
 */
export async function createStation(
  token: string,
  location: { lng: number; lat: number },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const result = await request('POST', '/staff/stations', {
    token,
    body: {
      name: `测试驿站${randomUUID().slice(0, 6)}`,
      address: '杨舍镇测试路 8 号',
      district: '张家港市 杨舍镇',
      orgPath: '320000/320500/320582',
      location,
      hostType: 'union',
      amenities: ['water'],
      hours: { alwaysOpen: true },
      ...overrides,
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as { id: string; version: number };
}
