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

/** The caps this file expects, written out apart from the code: photo requests a Shanghai day. */
const CAP = 30;
const DELIVERY_CAP = 120;
const refusedBody = {
  error: { code: 'RATE_LIMITED', message: `今天的照片上传次数已达上限（每天 ${CAP} 次），请明天再试` },
};
const deliveryRefusedBody = {
  error: {
    code: 'RATE_LIMITED',
    message: `今天的配送照片上传次数已达上限（每天 ${DELIVERY_CAP} 次），请明天再试`,
  },
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
async function countToday(userId: string, action = 'photo'): Promise<number | undefined> {
  const day = shanghaiDate(new Date());
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.quota(action, await pseudonym(`quota:${action}`, userId, day), day),
      ConsistentRead: true,
    }),
  );
  return Item?.count as number | undefined;
}

/** The ticket a retry is answered with: a fresh URL for the same photo (URLs differ by time). */
const ticketOf = (body: ReturnType<typeof request>) => ({
  id: body.id,
  uploadUrl: expect.stringContaining(`/incoming/${body.id}?`),
  method: 'PUT',
  headers: { 'Content-Type': body.contentType },
  expiresAt: expect.any(String),
  state: 'incoming',
});

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
    expect(retried).toStrictEqual({ status: 201, body: ticketOf(asked[7]!) });
    expect(await countToday(worker.userId)).toBe(CAP);

    // Another worker is not affected.
    expect((await presign(other.token, request(ownerOf('report')))).status).toBe(201);
    expect(await countToday(other.userId)).toBe(1);
  });

  it('lets exactly one of two sends of the same photo id raced at one below the cap count; both are answered alike', async () => {
    const worker = await freshUser();
    for (let n = 0; n < CAP - 1; n += 1) {
      expect((await presign(worker.token, request(ownerOf('report')))).status).toBe(201);
    }
    const body = request(ownerOf('suggestion'));
    const answers = await Promise.all([presign(worker.token, body), presign(worker.token, body)]);
    expect(answers).toStrictEqual([
      { status: 201, body: ticketOf(body) },
      { status: 201, body: ticketOf(body) },
    ]);
    // Exactly one of the two was stored and counted; the other was answered as its retry.
    expect(await photoItem(body.id)).toMatchObject({ id: body.id, state: 'incoming', version: 1 });
    expect((await slotsOf(body.owner, worker.userId))?.photoIds).toStrictEqual(new Set([body.id]));
    expect(await countToday(worker.userId)).toBe(CAP);
    expect(await presign(worker.token, request(ownerOf('report')))).toStrictEqual({
      status: 429,
      body: refusedBody,
    });
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

describe('Limits: delivery photos (counted apart, on a cap of their own)', () => {
  it(`allows ${DELIVERY_CAP} a day apart from report photos, then 429 storing nothing`, async () => {
    const volunteer = await freshUser();
    for (let n = 0; n < DELIVERY_CAP; n += 1) {
      const answer = await presign(volunteer.token, request(ownerOf('delivery')));
      expect(answer.status, `request ${n + 1}: ${JSON.stringify(answer.body)}`).toBe(201);
    }
    expect(await countToday(volunteer.userId, 'deliveryPhoto')).toBe(DELIVERY_CAP);
    const refused = request(ownerOf('delivery'));
    expect(await presign(volunteer.token, refused)).toStrictEqual({ status: 429, body: deliveryRefusedBody });
    expect(await photoItem(refused.id)).toBeUndefined();
    expect(await slotsOf(refused.owner, volunteer.userId)).toBeUndefined();
    expect(await countToday(volunteer.userId, 'deliveryPhoto')).toBe(DELIVERY_CAP);
    // The day's report photos are untouched by the deliveries, and the reverse.
    expect(await countToday(volunteer.userId)).toBeUndefined();
    expect((await presign(volunteer.token, request(ownerOf('report')))).status).toBe(201);
    expect(await countToday(volunteer.userId)).toBe(1);
    expect(await countToday(volunteer.userId, 'deliveryPhoto')).toBe(DELIVERY_CAP);
  });
});
