import { describe, expect, it } from 'vitest';
import { keys, stationIndexKeys } from '../../functions/src/db/keys';
import { loginAsDemo, request } from './http';

const badCursor = {
  status: 400,
  body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
};
const answerOf = ({ status, body }: { status: number; body: unknown }) => ({ status, body });

describe('API: forged cursors are 400 BAD_CURSOR, never 500', () => {
  it('refuses every cursor the listing did not hand out for that same query', async () => {
    // Arrange: a genuine cursor of 江苏's stations (40 seeded, pages of 20).
    const first = await request('GET', '/stations?place=32');
    const cursor = (first.body as { nextCursor: string }).nextCursor;
    expect(cursor).toEqual(expect.any(String));
    // 王芳 (staff, 江苏省总工会): a demo account no other API test signs out.
    const staff = await loginAsDemo('王芳');
    const [payload] = cursor.split('.');
    const otherKey = { ...keys.station('st_x'), ...stationIndexKeys.byOrg('320000', 'st_x') };
    const edited = `${Buffer.from(JSON.stringify(otherKey)).toString('base64url')}.${cursor.split('.')[1]}`;
    const forged: [string, string][] = [
      ['wrong shape (base64 JSON of no key)', '/stations?place=32&cursor=eyJhIjoxfQ'],
      ['unsigned real payload', `/stations?place=32&cursor=${payload}`],
      ['edited payload under a real signature', `/stations?place=32&cursor=${edited}`],
      ['other place', `/stations?place=3205&cursor=${cursor}`],
      ['same place, other words', `/stations?place=32&q=${encodeURIComponent('驿站')}&cursor=${cursor}`],
      [
        'other partition: the problem queue of the same org',
        `/staff/problems?org=320000&state=new&cursor=${cursor}`,
      ],
      ['the staff listing of the same org', `/staff/stations?org=320000&cursor=${cursor}`],
      ['problem queue, wrong shape', '/staff/problems?org=320000&state=acknowledged&cursor=eyJhIjoxfQ'],
    ];

    // Act
    const answers = await Promise.all(
      forged.map(
        async ([kind, path]) => [kind, answerOf(await request('GET', path, { token: staff }))] as const,
      ),
    );

    // Assert
    expect(Object.fromEntries(answers)).toStrictEqual(
      Object.fromEntries(forged.map(([kind]) => [kind, badCursor])),
    );
    const second = await request('GET', `/stations?place=32&cursor=${cursor}`);
    expect(second.status).toBe(200);
  });
});
