import { shanghaiDate } from '@ankang/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { fakeSecurityMarkers, type ReceivedCheck } from '../../functions/local/fakeWechatSecurity';
import { db, tableName } from '../../functions/src/db/client';
import { getFeedback } from '../../functions/src/db/feedback';
import { commentPut, getComment } from '../../functions/src/db/stationComments';
import { getStationById } from '../../functions/src/db/stations';
import { transactWrite } from '../../functions/src/db/transactions';
import { handler as listHeldComments } from '../../functions/src/handlers/listHeldComments';
import { handler as listStationComments } from '../../functions/src/handlers/listStationComments';
import { handler as rateStation } from '../../functions/src/handlers/rateStation';
import { handler as reviewComment } from '../../functions/src/handlers/reviewComment';
import { handler as updateStation } from '../../functions/src/handlers/updateStation';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { stationDraft, storedStation } from './stationFixtures';

/** Lets a test act between a rating's content check (after it read the station) and its write. */
const hooks = vi.hoisted(() => ({ afterCheck: undefined as (() => Promise<void>) | undefined }));
vi.mock('../../functions/src/services/contentSafety', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/src/services/contentSafety')>();
  return {
    ...original,
    checkPublicText: async (...args: Parameters<typeof original.checkPublicText>) => {
      const verdict = await original.checkPublicText(...args);
      await hooks.afterCheck?.();
      return verdict;
    },
  };
});

const wechat = inject('wechatApiBase');
const zjg = '320000/320500/320582';

const rate = (token: string, id: string, body: unknown) =>
  invoke(
    rateStation,
    httpEvent({ method: 'POST', path: `/stations/${id}/feedback`, token, params: { id }, body }),
  );
const publicComments = async (id: string) => {
  const result = await invoke(
    listStationComments,
    httpEvent({ path: `/stations/${id}/comments`, params: { id } }),
  );
  expect(result.status).toBe(200);
  return (result.body as { comments: unknown[] }).comments;
};
const heldQueue = async (token: string, org?: string) => {
  const result = await invoke(
    listHeldComments,
    httpEvent({ path: '/staff/comments', token, ...(org ? { query: { org } } : {}) }),
  );
  return result;
};
const review = (token: string, id: string, body: unknown) =>
  invoke(
    reviewComment,
    httpEvent({ method: 'POST', path: `/staff/comments/${id}/review`, token, params: { id }, body }),
  );

/** What the fake WeChat was asked to check for one user (each test has its own users). */
async function checksOf(openid: string): Promise<ReceivedCheck[]> {
  const response = await fetch(`${wechat}/__fake/security?openid=${encodeURIComponent(openid)}`);
  return ((await response.json()) as { checks: ReceivedCheck[] }).checks;
}

/** The comment id the server must use: `cm_` + the keyed pseudonym of (user, station, day). */
async function expectedId(userId: string, stationId: string): Promise<string> {
  return `cm_${await pseudonym('comment', userId, stationId, shanghaiDate(new Date()))}`;
}

async function rawComment(id: string) {
  const key = { pk: `STNCMT#${id}`, sk: 'COMMENT' };
  return (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

/** A station in a fresh county of its own, its staff, and staff of a sibling county. */
async function area() {
  const county = await freshOrg(zjg, '测试县工会');
  const sibling = await freshOrg(zjg, '隔壁县工会');
  const station = await storedStation({ orgPath: county });
  const staff = await freshUser({ roles: ['staff'], orgPath: county });
  const beside = await freshUser({ roles: ['staff'], orgPath: sibling });
  return { county, station, staff, beside };
}

// Comment ids and rating keys are per Shanghai day: never straddle midnight.
atShanghaiNoon();

describe('Content safety: rating comments', () => {
  it('publishes a comment WeChat passes, having asked with the author’s openid as a comment (scene 2)', async () => {
    const { station } = await area();
    const worker = await freshUser();
    const text = '空调很凉快，饮水机也干净';

    const result = await rate(worker.token, station.id, { stars: 5, tags: ['cool'], comment: text });

    expect(result).toMatchObject({ status: 200, body: { commentState: 'public' } });
    expect(await checksOf(worker.openid)).toStrictEqual([
      { content: text, openid: worker.openid, scene: 2, version: 2 },
    ]);
    expect(await publicComments(station.id)).toStrictEqual([
      {
        id: await expectedId(worker.userId, station.id),
        stars: 5,
        tags: ['cool'],
        comment: text,
        date: shanghaiDate(new Date()),
      },
    ]);
  });

  it('refuses a risky comment with 422 CONTENT_RISKY and stores nothing: no rating, no count, no comment', async () => {
    const { station } = await area();
    const worker = await freshUser();

    const result = await rate(worker.token, station.id, {
      stars: 1,
      tags: [],
      comment: `这里${fakeSecurityMarkers.risky}`,
    });

    expect(result.status).toBe(422);
    expect((result.body as { error: { code: string } }).error.code).toBe('CONTENT_RISKY');
    expect((await getStationById(station.id))?.rating).toStrictEqual({
      count: 0,
      average: 0,
      stars: [0, 0, 0, 0, 0],
    });
    const rater = await pseudonym('rating', worker.userId, station.id, shanghaiDate(new Date()));
    expect(await getFeedback(station.id, shanghaiDate(new Date()), rater)).toBeNull();
    expect(await rawComment(await expectedId(worker.userId, station.id))).toBeUndefined();
    expect(await publicComments(station.id)).toStrictEqual([]);
  });

  it.each([
    ['review', fakeSecurityMarkers.review],
    ['unreachable', fakeSecurityMarkers.unreachable],
  ] as const)(
    'holds a comment WeChat answers %s for: counted, not public, in the staff queue',
    async (why, marker) => {
      const { station, staff, beside } = await area();
      const worker = await freshUser();
      const text = `门口有台阶${marker}`;

      const result = await rate(worker.token, station.id, { stars: 3, tags: [], comment: text });

      expect(result).toMatchObject({
        status: 200,
        body: { commentState: 'held', rating: { count: 1, average: 3 }, feedback: { comment: text } },
      });
      expect(await publicComments(station.id)).toStrictEqual([]);
      const queue = await heldQueue(staff.token);
      expect(queue.status).toBe(200);
      expect((queue.body as { comments: unknown[] }).comments).toStrictEqual([
        {
          id: await expectedId(worker.userId, station.id),
          stationId: station.id,
          stationName: station.name,
          orgPath: station.orgPath,
          stars: 3,
          tags: [],
          comment: text,
          date: shanghaiDate(new Date()),
          heldBecause: why,
          createdAt: new Date().toISOString(),
          version: 1,
        },
      ]);
      expect(await heldQueue(beside.token)).toMatchObject({ status: 200, body: { comments: [] } });
    },
  );

  it('asks WeChat once for the same words: a retry and new stars keep the standing staff gave', async () => {
    const { station, staff } = await area();
    const worker = await freshUser();
    const text = `有点吵${fakeSecurityMarkers.review}`;
    await rate(worker.token, station.id, { stars: 3, tags: [], comment: text });
    const id = await expectedId(worker.userId, station.id);
    expect(await review(staff.token, id, { decision: 'hide', version: 1 })).toMatchObject({
      status: 200,
      body: { id, state: 'hidden', version: 1 },
    });

    const retried = await rate(worker.token, station.id, { stars: 3, tags: [], comment: text });
    const restarred = await rate(worker.token, station.id, { stars: 4, tags: [], comment: text });

    expect(retried).toMatchObject({ status: 200, body: { commentState: 'hidden' } });
    expect(restarred).toMatchObject({
      status: 200,
      body: { commentState: 'hidden', rating: { average: 4 } },
    });
    expect(await checksOf(worker.openid)).toHaveLength(1);
    expect(await publicComments(station.id)).toStrictEqual([]);
    expect((await heldQueue(staff.token)).body).toStrictEqual({ comments: [] });
  });

  it('publishes a held comment staff approve, once; a second decision is 409 INVALID_TRANSITION', async () => {
    const { station, staff } = await area();
    const worker = await freshUser();
    await rate(worker.token, station.id, {
      stars: 4,
      tags: ['friendly'],
      comment: `人很好${fakeSecurityMarkers.unreachable}`,
    });
    const id = await expectedId(worker.userId, station.id);

    const [first, second] = await Promise.all([
      review(staff.token, id, { decision: 'approve', version: 1 }),
      review(staff.token, id, { decision: 'hide', version: 1 }),
    ]);

    const statuses = [first.status, second.status].sort();
    expect(statuses).toStrictEqual([200, 409]);
    const winner = first.status === 200 ? first : second;
    const loser = first.status === 200 ? second : first;
    expect((loser.body as { error: { code: string } }).error.code).toBe('INVALID_TRANSITION');
    const state = (winner.body as { state: string }).state;
    expect((await rawComment(id))?.state).toBe(state);
    expect(await publicComments(station.id)).toHaveLength(state === 'public' ? 1 : 0);
    expect((await heldQueue(staff.token)).body).toStrictEqual({ comments: [] });
    const again = await review(staff.token, id, { decision: 'approve', version: 1 });
    expect(again.status).toBe(409);
    expect((again.body as { error: { code: string } }).error.code).toBe('INVALID_TRANSITION');
  });

  it('approves into the public list, newest first, beside comments that passed', async () => {
    const { station, staff } = await area();
    const held = await freshUser();
    const passed = await freshUser();
    await rate(held.token, station.id, {
      stars: 2,
      tags: [],
      comment: `水不够${fakeSecurityMarkers.review}`,
    });
    await rate(passed.token, station.id, { stars: 5, tags: [], comment: '很好' });
    const id = await expectedId(held.userId, station.id);

    expect(await review(staff.token, id, { decision: 'approve', version: 1 })).toMatchObject({ status: 200 });

    const comments = (await publicComments(station.id)) as { id: string }[];
    // Both written at the held noon: the same time, then by id descending.
    const ids = [id, await expectedId(passed.userId, station.id)].sort().reverse();
    expect(comments.map((c) => c.id)).toStrictEqual(ids);
  });

  it('refuses a decision on a comment its author rewrote meanwhile: 409 VERSION_CONFLICT with the version', async () => {
    const { station, staff } = await area();
    const worker = await freshUser();
    await rate(worker.token, station.id, {
      stars: 2,
      tags: [],
      comment: `第一版${fakeSecurityMarkers.review}`,
    });
    await rate(worker.token, station.id, {
      stars: 2,
      tags: [],
      comment: `第二版${fakeSecurityMarkers.review}`,
    });
    const id = await expectedId(worker.userId, station.id);

    const stale = await review(staff.token, id, { decision: 'approve', version: 1 });

    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    expect((await rawComment(id))?.state).toBe('held');
    expect((await rawComment(id))?.comment).toBe(`第二版${fakeSecurityMarkers.review}`);
  });

  it('keeps staff beside the station’s org out: 403 OUT_OF_SCOPE, nothing decided', async () => {
    const { station, beside } = await area();
    const worker = await freshUser();
    await rate(worker.token, station.id, {
      stars: 2,
      tags: [],
      comment: `一般${fakeSecurityMarkers.review}`,
    });
    const id = await expectedId(worker.userId, station.id);

    const result = await review(beside.token, id, { decision: 'approve', version: 1 });

    expect(result).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    expect((await rawComment(id))?.state).toBe('held');
  });

  it('removes the day’s comment when the rating is changed to one without words', async () => {
    const { station } = await area();
    const worker = await freshUser();
    await rate(worker.token, station.id, { stars: 5, tags: [], comment: '不错' });
    expect(await publicComments(station.id)).toHaveLength(1);

    await rate(worker.token, station.id, { stars: 4, tags: [], comment: '' });

    expect(await publicComments(station.id)).toStrictEqual([]);
    expect(await rawComment(await expectedId(worker.userId, station.id))).toBeUndefined();
  });

  it('never undoes a staff decision made between a rating’s read and its write: the write is cancelled', async () => {
    const { station, staff } = await area();
    const worker = await freshUser();
    const text = `等着审核${fakeSecurityMarkers.review}`;
    await rate(worker.token, station.id, { stars: 2, tags: [], comment: text });
    const id = await expectedId(worker.userId, station.id);
    const judgedAgainst = await getComment(id);
    // Staff hide it after the author's next rating read it as held…
    expect(await review(staff.token, id, { decision: 'hide', version: 1 })).toMatchObject({ status: 200 });

    // …so that rating's write of the comment, made against the held version, must not land.
    const write = commentPut(
      { ...judgedAgainst!, stars: 5, state: 'held', version: 2 },
      { version: judgedAgainst!.version, state: judgedAgainst!.state },
    );
    await expect(transactWrite([write], [[0, 'moved' as const]])).resolves.toBe('moved');
    expect(await rawComment(id)).toMatchObject({ state: 'hidden', version: 1, stars: 2 });
  });

  it('answers 404 COMMENT_NOT_FOUND for a well-formed id nobody wrote', async () => {
    const { staff } = await area();
    const result = await review(staff.token, `cm_${'0'.repeat(32)}`, { decision: 'approve', version: 1 });
    expect(result).toMatchObject({ status: 404, body: { error: { code: 'COMMENT_NOT_FOUND' } } });
  });
});

describe('Held comments follow their station to another org', () => {
  /** A station in one fresh county, staff of it, of a sibling county, and of their common parent. */
  async function moving() {
    const [from, to] = await Promise.all([freshOrg(zjg, '原县工会'), freshOrg(zjg, '新县工会')]);
    const draft = stationDraft({ orgPath: from });
    const station = await storedStation(draft);
    const [oldStaff, newStaff, parentStaff] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: from }),
      freshUser({ roles: ['staff'], orgPath: to }),
      freshUser({ roles: ['staff'], orgPath: zjg }),
    ]);
    const move = () =>
      invoke(
        updateStation,
        httpEvent({
          method: 'PUT',
          path: `/staff/stations/${station.id}`,
          token: parentStaff.token,
          params: { id: station.id },
          body: { ...draft, orgPath: to, version: 1 },
        }),
      );
    return { from, to, station, oldStaff, newStaff, move };
  }

  it('moves held comments to the new org’s queue; the old org can neither see nor decide them', async () => {
    const { to, station, oldStaff, newStaff, move } = await moving();
    const [heldA, heldB, hidden, passed] = await Promise.all([
      freshUser(),
      freshUser(),
      freshUser(),
      freshUser(),
    ]);
    await rate(heldA.token, station.id, { stars: 2, tags: [], comment: `太热${fakeSecurityMarkers.review}` });
    await rate(heldB.token, station.id, {
      stars: 3,
      tags: [],
      comment: `没水${fakeSecurityMarkers.unreachable}`,
    });
    await rate(hidden.token, station.id, { stars: 1, tags: [], comment: `差${fakeSecurityMarkers.review}` });
    await rate(passed.token, station.id, { stars: 5, tags: [], comment: '很好' });
    const idA = await expectedId(heldA.userId, station.id);
    const idB = await expectedId(heldB.userId, station.id);
    const idHidden = await expectedId(hidden.userId, station.id);
    expect(await review(oldStaff.token, idHidden, { decision: 'hide', version: 1 })).toMatchObject({
      status: 200,
    });

    expect(await move()).toMatchObject({ status: 200, body: { orgPath: to, version: 2 } });

    const queued = (await heldQueue(newStaff.token)).body as { comments: { id: string; orgPath: string }[] };
    expect(queued.comments.map((c) => [c.id, c.orgPath]).sort()).toStrictEqual(
      [
        [idA, to],
        [idB, to],
      ].sort(),
    );
    expect(await heldQueue(oldStaff.token)).toMatchObject({ status: 200, body: { comments: [] } });
    expect(await review(oldStaff.token, idA, { decision: 'approve', version: 1 })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await review(newStaff.token, idA, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
      body: { id: idA, state: 'public', version: 1 },
    });
    // Decided ones are not taken into the new queue: the hidden one stays hidden.
    expect(await rawComment(idHidden)).toMatchObject({ state: 'hidden' });
    expect((await rawComment(idHidden))?.gsi1pk).toBeUndefined();
    expect(((await publicComments(station.id)) as { id: string }[]).map((c) => c.id).sort()).toStrictEqual(
      [idA, await expectedId(passed.userId, station.id)].sort(),
    );
  });

  it('puts a comment held while the station moves into the new org’s queue (the rating reads again)', async () => {
    const { to, station, oldStaff, newStaff, move } = await moving();
    const worker = await freshUser();
    // The rating read the station in its old org; it moves before the rating writes.
    hooks.afterCheck = async () => {
      hooks.afterCheck = undefined;
      expect(await move()).toMatchObject({ status: 200 });
    };

    const rated = await rate(worker.token, station.id, {
      stars: 4,
      tags: [],
      comment: `路过${fakeSecurityMarkers.review}`,
    });

    expect(rated).toMatchObject({ status: 200, body: { commentState: 'held', rating: { count: 1 } } });
    const id = await expectedId(worker.userId, station.id);
    expect(await rawComment(id)).toMatchObject({ orgPath: to, state: 'held', version: 1 });
    expect(
      ((await heldQueue(newStaff.token)).body as { comments: { id: string }[] }).comments.map((c) => c.id),
    ).toStrictEqual([id]);
    expect(await heldQueue(oldStaff.token)).toMatchObject({ status: 200, body: { comments: [] } });
    expect((await getStationById(station.id))?.rating).toMatchObject({ count: 1, average: 4 });
  });
});
