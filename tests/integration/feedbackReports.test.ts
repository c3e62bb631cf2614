import { shanghaiDate } from '@ankang/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { getFeedback } from '../../functions/src/db/feedback';
import { keys } from '../../functions/src/db/keys';
import { getStationById } from '../../functions/src/db/stations';
import { updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler as rateStation } from '../../functions/src/handlers/rateStation';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

const DAY_S = 86_400;

/** The item as stored, every attribute. */
async function rawItem(key: { pk: string; sk: string }) {
  return (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

async function closeStation(id: string) {
  const station = (await getStationById(id))!;
  await updateStationStatus(id, { state: 'closed', reason: '已拆除' }, station.version, new Date());
}

const rate = (token: string, id: string, body: unknown) =>
  invoke(
    rateStation,
    httpEvent({ method: 'POST', path: `/stations/${id}/feedback`, token, params: { id }, body }),
  );

// Per-day keys and caps: never let a test straddle Shanghai midnight.
atShanghaiNoon();

describe('Handler: rateStation', () => {
  it('counts a retried rating once and keeps the summary right', async () => {
    const station = await storedStation();
    const a = await freshUser();
    const b = await freshUser();
    const body = { stars: 5, tags: ['clean', 'cool'], comment: '很凉快，水也干净' };
    const [first, retry] = await Promise.all([
      rate(a.token, station.id, body),
      rate(a.token, station.id, body),
    ]);
    await rate(a.token, station.id, body);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    await rate(b.token, station.id, { stars: 2, tags: [], comment: '' });
    const stored = await getStationById(station.id);
    expect(stored?.rating).toStrictEqual({ count: 2, average: 3.5, stars: [0, 1, 0, 0, 1] });
  });

  it('replaces a changed rating the same day instead of adding one', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    await rate(worker.token, station.id, { stars: 1, tags: ['facilitiesBroken'], comment: '' });
    const changed = await rate(worker.token, station.id, { stars: 4, tags: [], comment: '修好了' });
    expect(changed).toMatchObject({
      status: 200,
      body: { feedback: { stars: 4, comment: '修好了' }, rating: { count: 1, average: 4 } },
    });
    expect((await getStationById(station.id))?.rating.stars).toStrictEqual([0, 0, 0, 1, 0]);
  });

  it('changes nothing on a retry of the same rating, and replaces a changed one', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    const date = shanghaiDate(new Date());
    const stored = async () =>
      getFeedback(station.id, date, await pseudonym('rating', worker.userId, station.id, date));
    await rate(worker.token, station.id, { stars: 3, tags: ['clean', 'cool'], comment: '还行' });
    const first = await stored();

    const retry = await rate(worker.token, station.id, {
      stars: 3,
      tags: ['cool', 'clean'],
      comment: '还行',
    });
    expect(retry).toStrictEqual({
      status: 200,
      body: {
        feedback: {
          stationId: station.id,
          date,
          stars: 3,
          tags: ['clean', 'cool'],
          comment: '还行',
          createdAt: first!.createdAt,
        },
        rating: { average: 3, count: 1 },
        // The fake WeChat passes 还行 (functions/local/fakeWechatSecurity.ts).
        commentState: 'public',
      },
    });
    expect(first).toMatchObject({ version: 1, stars: 3 });
    expect(await stored()).toStrictEqual(first);
    expect((await getStationById(station.id))?.rating).toStrictEqual({
      count: 1,
      average: 3,
      stars: [0, 0, 1, 0, 0],
    });

    await rate(worker.token, station.id, { stars: 5, tags: [], comment: '修好了' });
    expect(await stored()).toMatchObject({
      version: 2,
      stars: 5,
      tags: [],
      comment: '修好了',
      createdAt: first!.createdAt,
    });
    expect((await getStationById(station.id))?.rating).toStrictEqual({
      count: 1,
      average: 5,
      stars: [0, 0, 0, 0, 1],
    });
  });

  it('stores the rating under a pseudonym, without the user id, expiring the day after', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    await rate(worker.token, station.id, { stars: 4 });
    const date = shanghaiDate(new Date());
    const rater = await pseudonym('rating', worker.userId, station.id, date);
    const item = await rawItem(keys.feedback(station.id, date, rater));
    expect(JSON.stringify(item)).not.toContain(worker.userId);
    expect(item?.sk).toBe(`FEEDBACK#${date}#${rater}`);
    // The end of the next Shanghai day: at most two days from now, more than one.
    const endOfDay = Date.parse(`${date}T00:00:00+08:00`) / 1000 + DAY_S;
    expect(item?.expiresAt).toBe(endOfDay + DAY_S);
    expect(item?.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(2 * DAY_S);
  });

  it('answers 404 STATION_NOT_FOUND for a closed station and counts nothing', async () => {
    const station = await storedStation();
    await closeStation(station.id);
    const worker = await freshUser();
    expect(await rate(worker.token, station.id, { stars: 5 })).toStrictEqual({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND', message: '未找到该驿站，可能已被删除' } },
    });
    expect((await getStationById(station.id))?.rating.count).toBe(0);
  });

  it('refuses bad input with field issues and stores nothing', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    const result = await rate(worker.token, station.id, {
      stars: 6,
      tags: ['nope'],
      comment: '长'.repeat(201),
    });
    expect(result.status).toBe(400);
    const issues = (result.body as { error: { details: { issues: { path: string }[] } } }).error.details
      .issues;
    expect(issues.map((i) => i.path).sort()).toStrictEqual(['body.comment', 'body.stars', 'body.tags.0']);
    expect((await getStationById(station.id))?.rating.count).toBe(0);
  });

  it('needs a signed-in user and an existing station', async () => {
    const station = await storedStation();
    expect(await rate('', station.id, { stars: 5 })).toMatchObject({ status: 401 });
    const worker = await freshUser();
    expect(await rate(worker.token, 'st_0000000000000000', { stars: 5 })).toMatchObject({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND' } },
    });
  });
});
