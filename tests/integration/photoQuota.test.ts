import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '@ankang/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { keys, photoKeys } from '../../functions/src/db/keys';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { freshOrg, freshUser } from './fixtures';
import { newPhotoId, photoItem, presign } from './photoFixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

// Per-day counts: held at Shanghai noon so no test straddles midnight. Only tickets are asked for
// here (no file is sent), so s3rver's real-clock check of a URL's expiry never comes into it.
atShanghaiNoon();

/** The cap this file expects, written out apart from the code: 30 photo requests a Shanghai day. */
const CAP = 30;
const refusedBody = {
  error: { code: 'PHOTO_RATE_LIMITED', message: `今天上传的照片已达上限（每天 ${CAP} 张），请明天再试` },
};

type Kind = 'report' | 'suggestion' | 'delivery';
const ownerOf = (kind: Kind) =>
  kind === 'delivery' ? { kind, id: `dl_${randomUUID().replace(/-/g, '')}` } : { kind, id: randomUUID() };
const request = (owner: { kind: string; id: string }, size = 120) => ({
  id: newPhotoId(),
  owner,
  contentType: 'image/png',
  size,
});

/** The day's photo count of a user as stored (undefined before their first counted request). */
async function countToday(userId: string): Promise<number | undefined> {
  const day = shanghaiDate(new Date());
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.quota('photo', await pseudonym('quota:photo', userId, day), day),
      ConsistentRead: true,
    }),
  );
  return Item?.count as number | undefined;
}

async function slotsOf(owner: { kind: string; id: string }, userId: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: photoKeys.photoSlots(owner.kind, owner.id, userId),
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('Limits: photo uploads per worker and Shanghai day (reports and suggestions)', () => {
  it(`allows ${CAP} requests, refuses the next with 429 storing nothing, and leaves others alone`, async () => {
    const worker = await freshUser();
    const other = await freshUser();
    const asked: ReturnType<typeof request>[] = [];
    for (let n = 0; n < CAP; n += 1) {
      // A fresh owner each time, so the per-owner cap of 3 never comes into it.
      const body = request(ownerOf(n % 2 === 0 ? 'report' : 'suggestion'));
      const answer = await presign(worker.token, body);
      expect(answer.status, `request ${n + 1}: ${JSON.stringify(answer.body)}`).toBe(201);
      asked.push(body);
      if (n === 0) {
        // Refused requests count nothing: an id reused with another size, a station photo by a worker.
        expect((await presign(worker.token, { ...body, size: 121 })).status).toBe(409);
        const org = await freshOrg('320000/320500/320582');
        const station = await storedStation({ orgPath: org });
        const forbidden = await presign(worker.token, request({ kind: 'station', id: station.id }));
        expect(forbidden.status).toBe(403);
      }
    }
    expect(await countToday(worker.userId)).toBe(CAP);

    const owner = ownerOf('suggestion');
    const refused = request(owner);
    expect(await presign(worker.token, refused)).toStrictEqual({ status: 429, body: refusedBody });
    expect(await presign(worker.token, request(ownerOf('report')))).toStrictEqual({
      status: 429,
      body: refusedBody,
    });
    // Nothing stored for the refused ones, and nothing counted.
    expect(await photoItem(refused.id)).toBeUndefined();
    expect(await slotsOf(owner, worker.userId)).toBeUndefined();
    expect(await countToday(worker.userId)).toBe(CAP);

    // A retried request is answered again (a fresh URL for the same photo) and counts nothing.
    const retried = await presign(worker.token, asked[7]);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: asked[7]!.id, state: 'incoming' });
    expect(await countToday(worker.userId)).toBe(CAP);

    // Another worker is not affected, nor are the same worker's delivery photos (volunteers).
    expect((await presign(other.token, request(ownerOf('report')))).status).toBe(201);
    expect(await countToday(other.userId)).toBe(1);
    expect((await presign(worker.token, request(ownerOf('delivery')))).status).toBe(201);
    expect(await countToday(worker.userId)).toBe(CAP);
  });

  it('counts racing requests exactly: of 8 sent at once with 4 left, 4 pass', async () => {
    const worker = await freshUser();
    for (let n = 0; n < CAP - 4; n += 1) {
      expect((await presign(worker.token, request(ownerOf('report')))).status).toBe(201);
    }
    const bodies = Array.from({ length: 8 }, () => request(ownerOf('suggestion')));
    const answers = await Promise.all(bodies.map((body) => presign(worker.token, body)));
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([
      201, 201, 201, 201, 429, 429, 429, 429,
    ]);
    const stored = await Promise.all(bodies.map((body) => photoItem(body.id)));
    expect(stored.filter(Boolean)).toHaveLength(4);
    expect(await countToday(worker.userId)).toBe(CAP);
  });
});
