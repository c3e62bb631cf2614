import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '@ankang/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
import { tallyDynamo } from '../support/dynamoTally';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser, putOrg } from './fixtures';
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
/** The staff queue; `query` may name an org (`org`) and a page (`cursor`). */
const heldQueue = (token: string, query: Record<string, string> = {}) =>
  invoke(listHeldComments, httpEvent({ path: '/staff/comments', token, query }));
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

/**
 * `worker` rates the station with `words` that WeChat holds (for review unless `marker` says
 * otherwise): the comment is held. Answers its id.
 */
async function holdComment(
  worker: { token: string; userId: string },
  stationId: string,
  words: string,
  stars: number,
  marker: string = fakeSecurityMarkers.review,
): Promise<string> {
  const rated = await rate(worker.token, stationId, { stars, tags: [], comment: `${words}${marker}` });
  expect(rated).toMatchObject({ status: 200, body: { commentState: 'held' } });
  return expectedId(worker.userId, stationId);
}

/** Runs `before` ahead of every DynamoDB command this process sends, until the returned function is called. */
function beforeEachCommand(before: (command: string, input: string) => Promise<void> | void): () => void {
  const name = `beforeEachCommand-${randomUUID()}`;
  const stack = db.middlewareStack as unknown as {
    add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
    remove(name: string): boolean;
  };
  stack.add(
    (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: unknown }) => {
        await before(context.commandName ?? '', JSON.stringify(args.input));
        return next(args);
      },
    { step: 'initialize', name },
  );
  return () => stack.remove(name);
}

/** A station's queue entry as stored. */
async function rawEntry(stationId: string) {
  const key = { pk: `STN_HELD_Q#${stationId}`, sk: 'ENTRY' };
  return (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

/** The ids in a queue answer, in order. */
const queuedIds = async (token: string, query: Record<string, string> = {}) => {
  const answer = await heldQueue(token, query);
  expect(answer.status).toBe(200);
  return (answer.body as { comments: { id: string }[] }).comments.map((c) => c.id);
};

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
    const id = await holdComment(worker, station.id, '人很好', 4, fakeSecurityMarkers.unreachable);

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
    const id = await holdComment(held, station.id, '水不够', 2);
    await rate(passed.token, station.id, { stars: 5, tags: [], comment: '很好' });

    expect(await review(staff.token, id, { decision: 'approve', version: 1 })).toMatchObject({ status: 200 });

    const comments = (await publicComments(station.id)) as { id: string }[];
    // Both written at the held noon: the same time, then by id descending.
    const ids = [id, await expectedId(passed.userId, station.id)].sort().reverse();
    expect(comments.map((c) => c.id)).toStrictEqual(ids);
  });

  it('refuses a decision on a comment its author rewrote meanwhile: 409 VERSION_CONFLICT with the version', async () => {
    const { station, staff } = await area();
    const worker = await freshUser();
    await holdComment(worker, station.id, '第一版', 2);
    const id = await holdComment(worker, station.id, '第二版', 2);

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
    const id = await holdComment(worker, station.id, '一般', 2);

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

  it('takes a held comment out of the queue when its author rewrites it to pass or takes its words away', async () => {
    const { station, staff } = await area();
    const [rewrites, removes] = await Promise.all([freshUser(), freshUser()]);
    const rewritten = await holdComment(rewrites, station.id, '先等等', 2);
    const removed = await holdComment(removes, station.id, '也等等', 2);
    const queued = () => queuedIds(staff.token);
    expect(await queued()).toStrictEqual([rewritten, removed].sort());

    expect(await rate(rewrites.token, station.id, { stars: 2, tags: [], comment: '改好了' })).toMatchObject({
      status: 200,
      body: { commentState: 'public' },
    });
    expect(await queued()).toStrictEqual([removed]);
    expect(await rate(removes.token, station.id, { stars: 2, tags: [], comment: '' })).toMatchObject({
      status: 200,
      body: { commentState: 'none' },
    });

    expect(await queued()).toStrictEqual([]);
    expect(await rawComment(removed)).toBeUndefined();
    expect(await rawEntry(station.id)).toBeUndefined();
    expect(((await publicComments(station.id)) as { id: string }[]).map((c) => c.id)).toStrictEqual([
      rewritten,
    ]);
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

  it('refuses a 1 MB review body with 413 PAYLOAD_TOO_LARGE, nothing decided; fields beyond the decision change nothing', async () => {
    const { station, staff } = await area();
    const other = await storedStation({ orgPath: station.orgPath });
    const worker = await freshUser();
    const id = await holdComment(worker, station.id, '再看看', 2);
    const before = await rawComment(id);

    expect(
      await review(staff.token, id, { decision: 'approve', version: 1, note: 'x'.repeat(1_000_000) }),
    ).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(await rawComment(id)).toStrictEqual(before);

    // Mass assignment: the decision is hide; a state or a station sent beside it is not taken.
    expect(
      await review(staff.token, id, { decision: 'hide', version: 1, state: 'public', stationId: other.id }),
    ).toMatchObject({ status: 200, body: { id, state: 'hidden', version: 1 } });
    expect(await rawComment(id)).toMatchObject({ state: 'hidden', stationId: station.id, version: 1 });
    expect(await publicComments(station.id)).toStrictEqual([]);
    expect(await publicComments(other.id)).toStrictEqual([]);
  });

  it('answers 404 COMMENT_NOT_FOUND for a well-formed id nobody wrote', async () => {
    const { staff } = await area();
    const result = await review(staff.token, `cm_${'0'.repeat(32)}`, { decision: 'approve', version: 1 });
    expect(result).toMatchObject({ status: 404, body: { error: { code: 'COMMENT_NOT_FOUND' } } });
  });
});

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

describe('Held comments follow their station to another org', () => {
  it('lists held comments for the new org’s staff and lets them decide; the old org can neither see nor decide them', async () => {
    const { to, station, oldStaff, newStaff, move } = await moving();
    const [heldA, heldB, hidden, passed] = await Promise.all([
      freshUser(),
      freshUser(),
      freshUser(),
      freshUser(),
    ]);
    const idA = await holdComment(heldA, station.id, '太热', 2);
    const idB = await holdComment(heldB, station.id, '没水', 3, fakeSecurityMarkers.unreachable);
    const idHidden = await holdComment(hidden, station.id, '差', 1);
    await rate(passed.token, station.id, { stars: 5, tags: [], comment: '很好' });
    expect(await review(oldStaff.token, idHidden, { decision: 'hide', version: 1 })).toMatchObject({
      status: 200,
    });
    const beforeMove = await rawComment(idB);

    expect(await move()).toMatchObject({ status: 200, body: { orgPath: to, version: 2 } });

    // The comments themselves are not written by the move: only the station's queue entry moves.
    expect(await rawComment(idB)).toStrictEqual(beforeMove);
    expect(beforeMove).not.toHaveProperty('orgPath');
    const queued = (await heldQueue(newStaff.token)).body as { comments: { id: string; orgPath: string }[] };
    expect(queued.comments.map((c) => [c.id, c.orgPath])).toStrictEqual(
      [idA, idB].sort().map((id) => [id, to]),
    );
    expect(await heldQueue(oldStaff.token)).toMatchObject({ status: 200, body: { comments: [] } });
    expect(await review(oldStaff.token, idA, { decision: 'approve', version: 1 })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await rawComment(idA)).toMatchObject({ state: 'held' });
    expect(await review(newStaff.token, idA, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
      body: { id: idA, state: 'public', version: 1 },
    });
    // Decided ones are not taken into the new queue: the hidden one stays hidden.
    expect(await rawComment(idHidden)).toMatchObject({ state: 'hidden' });
    expect(await queuedIds(newStaff.token)).toStrictEqual([idB]);
    expect(((await publicComments(station.id)) as { id: string }[]).map((c) => c.id).sort()).toStrictEqual(
      [idA, await expectedId(passed.userId, station.id)].sort(),
    );
  });

  it('never answers 500 for a move of a station with held comments: nothing is written after the station’s transaction', async () => {
    const { to, station, oldStaff, newStaff, move } = await moving();
    const workers = await Promise.all(Array.from({ length: 3 }, () => freshUser()));
    const ids: string[] = [];
    for (const worker of workers) ids.push(await holdComment(worker, station.id, '等审', 3));
    const entryBefore = await rawEntry(station.id);
    // Any write outside a transaction during the move fails, as a throttled or broken table would.
    const writes: string[] = [];
    const stop = beforeEachCommand((command) => {
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(command)) writes.push(command);
      if (/^(Put|Update|Delete|BatchWrite)/.test(command)) throw new Error(`injected failure of ${command}`);
    });
    const moved = await move().finally(stop);

    expect(moved).toMatchObject({ status: 200, body: { orgPath: to, version: 2 } });
    expect(writes).toStrictEqual(['TransactWriteItemsCommand']);
    // The entry moved in that transaction: the new org's queue keys, its count and place kept.
    const sk = `${entryBefore?.heldSince}#${station.id}`;
    expect(await rawEntry(station.id)).toStrictEqual({
      ...entryBefore,
      orgPath: to,
      heldCount: 3,
      gsi3pk: `HELD_Q#${zjg}`,
      gsi3sk: sk,
      gsi4pk: `HELD_Q#${to}`,
      gsi4sk: sk,
    });
    expect(await queuedIds(newStaff.token)).toStrictEqual([...ids].sort());
    expect(await heldQueue(oldStaff.token)).toMatchObject({ status: 200, body: { comments: [] } });
  });

  it('puts a comment held while the station moves into the new org’s queue (the rating reads again)', async () => {
    const { station, oldStaff, newStaff, move } = await moving();
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
    expect(await rawComment(id)).toMatchObject({ state: 'held', version: 1 });
    expect(await queuedIds(newStaff.token)).toStrictEqual([id]);
    expect(await heldQueue(oldStaff.token)).toMatchObject({ status: 200, body: { comments: [] } });
    expect((await getStationById(station.id))?.rating).toMatchObject({ count: 1, average: 4 });
  });
});

describe('The held comment queue, page by page', () => {
  /** Held comments on two stations of a fresh county (`counts` each), and one on a sibling's station. */
  async function queueOf(counts: [number, number]) {
    const [county, sibling] = await Promise.all([freshOrg(zjg, '分页县工会'), freshOrg(zjg, '分页邻县工会')]);
    // The county's two stations in the queue's order (by id), so `counts[0]` are listed first.
    const stations = [
      ...(await Promise.all([storedStation({ orgPath: county }), storedStation({ orgPath: county })])).sort(
        (a, b) => a.id.localeCompare(b.id),
      ),
      await storedStation({ orgPath: sibling }),
    ];
    const [staff, beside, parent] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: county }),
      freshUser({ roles: ['staff'], orgPath: sibling }),
      freshUser({ roles: ['staff'], orgPath: zjg }),
    ]);
    const plan = [...counts, 1].flatMap((count, at) => Array.from({ length: count }, () => stations[at]!));
    const ids = await Promise.all(
      plan.map(async (station) => {
        const worker = await freshUser();
        const id = await holdComment(worker, station.id, '待审', 3, fakeSecurityMarkers.unreachable);
        return { stationId: station.id, id };
      }),
    );
    // The queue's order, worked out here: by station id within the county, then (all written at the
    // held noon) by comment id; the sibling county's comment is never in it.
    const expected = ids
      .filter((held) => held.stationId !== stations[2]!.id)
      .sort((a, b) =>
        a.stationId === b.stationId ? a.id.localeCompare(b.id) : a.stationId.localeCompare(b.stationId),
      )
      .map((held) => held.id);
    return { county, stations, staff, beside, parent, expected };
  }

  type Page = { comments: { id: string }[]; nextCursor?: string };

  it('pages with a real cursor, a page stopping inside a station, each page a bounded number of reads', async () => {
    const { county, staff, expected } = await queueOf([20, 12]);
    const tally = tallyDynamo(db, 'heldQueueTally');

    const first = await heldQueue(staff.token, { org: county });
    const firstReads = tally.reset();
    const cursor = (first.body as Page).nextCursor!;
    const second = await heldQueue(staff.token, { org: county, cursor });
    const secondReads = tally.reset();
    tally.remove();

    expect(first.status).toBe(200);
    expect((first.body as Page).comments.map((c) => c.id)).toStrictEqual(expected.slice(0, 30));
    expect(typeof cursor).toBe('string');
    expect(second).toMatchObject({ status: 200 });
    expect(second.body).not.toHaveProperty('nextCursor');
    expect((second.body as Page).comments.map((c) => c.id)).toStrictEqual(expected.slice(30));
    // Each page reads the caller (1 get, the token check). The first: the queue's entries (1 query)
    // and each station's held comments (2 queries). The second: the entries from the one it stopped
    // in on (1 query: it is the last) and that station's comments after the cursor (1 query).
    expect([firstReads.readRequests, secondReads.readRequests]).toStrictEqual([4, 3]);
    expect([firstReads.writeRequests, secondReads.writeRequests]).toStrictEqual([0, 0]);
  });

  it('ends a page at a station’s last comment with a cursor to the next station', async () => {
    const { staff, expected } = await queueOf([30, 2]);

    const first = await heldQueue(staff.token);
    const second = await heldQueue(staff.token, { cursor: (first.body as Page).nextCursor! });

    expect((first.body as Page).comments.map((c) => c.id)).toStrictEqual(expected.slice(0, 30));
    expect(second.status).toBe(200);
    expect((second.body as Page).comments.map((c) => c.id)).toStrictEqual(expected.slice(30));
    expect(second.body).not.toHaveProperty('nextCursor');
  });

  it('refuses the cursor with another org filter or from another org’s staff: 400 BAD_CURSOR', async () => {
    const { county, staff, beside, parent } = await queueOf([31, 0]);
    const first = await heldQueue(staff.token, { org: county });
    const cursor = (first.body as Page).nextCursor!;
    expect(typeof cursor).toBe('string');

    for (const [token, query] of [
      [parent.token, { org: zjg, cursor }],
      [parent.token, { cursor }],
      [beside.token, { cursor }],
    ] as const) {
      expect(await heldQueue(token, query)).toMatchObject({
        status: 400,
        body: { error: { code: 'BAD_CURSOR' } },
      });
    }
    // The same org asked either way is the same listing: the cursor opens it.
    expect((await heldQueue(staff.token, { cursor })).status).toBe(200);
  });

  it('drops a station from the queue once its last held comment is decided', async () => {
    const { staff, stations, expected } = await queueOf([2, 0]);
    const stored = () => rawEntry(stations[0]!.id);
    expect(await stored()).toMatchObject({ orgPath: stations[0]!.orgPath, heldCount: 2 });

    expect(await review(staff.token, expected[0]!, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
    });
    expect(await stored()).toMatchObject({ heldCount: 1 });
    const writes: string[] = [];
    const stop = beforeEachCommand((command) => {
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(command)) writes.push(command);
    });
    const last = await review(staff.token, expected[1]!, { decision: 'hide', version: 1 }).finally(stop);

    expect(last).toMatchObject({ status: 200 });
    // The entry went in the decision's own transaction: no write after it could fail and leave it.
    expect(writes).toStrictEqual(['TransactWriteItemsCommand']);
    expect(await stored()).toBeUndefined();
    expect(await heldQueue(staff.token)).toMatchObject({ status: 200, body: { comments: [] } });
  });
});

describe('Held comments racing a move, a decision and each other', () => {
  it('re-checks the org when the station moves between a review’s check and its decision: the old org’s staff get 403, nothing decided', async () => {
    const { to, station, oldStaff, newStaff, move } = await moving();
    const worker = await freshUser();
    const id = await holdComment(worker, station.id, '待定', 2);
    let moved = false;
    const stop = beforeEachCommand(async (command, input) => {
      if (moved || command !== 'TransactWriteItemsCommand' || !input.includes(`STNCMT#${id}`)) return;
      moved = true;
      expect(await move()).toMatchObject({ status: 200, body: { orgPath: to } });
    });

    const decided = await review(oldStaff.token, id, { decision: 'approve', version: 1 }).finally(stop);

    expect(moved).toBe(true);
    expect(decided).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    expect(await rawComment(id)).toMatchObject({ state: 'held', version: 1 });
    expect(await publicComments(station.id)).toStrictEqual([]);
    expect(await queuedIds(newStaff.token)).toStrictEqual([id]);
    expect(await review(newStaff.token, id, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
      body: { id, state: 'public', version: 1 },
    });
  });

  it('moves a station whose first held comment lands between the move’s read and its write: the move reads again and takes it along', async () => {
    const { to, station, oldStaff, newStaff, move } = await moving();
    const worker = await freshUser();
    let rated: Awaited<ReturnType<typeof rate>> | undefined;
    let started = false;
    const stop = beforeEachCommand(async (command, input) => {
      if (started || command !== 'TransactWriteItemsCommand' || !input.includes(`STN_HELD_Q#${station.id}`))
        return;
      // The move read no entry and is about to write: a rating holds a comment under the old org.
      started = true;
      rated = await rate(worker.token, station.id, {
        stars: 4,
        tags: [],
        comment: `刚到${fakeSecurityMarkers.review}`,
      });
    });

    const moved = await move().finally(stop);

    expect(rated).toMatchObject({ status: 200, body: { commentState: 'held' } });
    expect(moved).toMatchObject({ status: 200, body: { orgPath: to, version: 2 } });
    const id = await expectedId(worker.userId, station.id);
    expect(await queuedIds(newStaff.token)).toStrictEqual([id]);
    expect(await queuedIds(oldStaff.token)).toStrictEqual([]);
    expect(await rawEntry(station.id)).toMatchObject({ orgPath: to, heldCount: 1 });
  });

  it('reads the comment again when staff decide it while its author’s new rating is on the way: the rating lands, the decision stays', async () => {
    const { station, staff } = await area();
    const worker = await freshUser();
    const text = `还行${fakeSecurityMarkers.review}`;
    await rate(worker.token, station.id, { stars: 2, tags: [], comment: text });
    const id = await expectedId(worker.userId, station.id);
    const ratingWrites: string[] = [];
    const stop = beforeEachCommand(async (command, input) => {
      if (command !== 'TransactWriteItemsCommand' || !input.includes('"Feedback"')) return;
      ratingWrites.push(command);
      if (ratingWrites.length > 1) return;
      expect(await review(staff.token, id, { decision: 'hide', version: 1 })).toMatchObject({ status: 200 });
    });

    const answer = await rate(worker.token, station.id, { stars: 5, tags: [], comment: text }).finally(stop);

    expect(answer).toMatchObject({
      status: 200,
      body: { commentState: 'hidden', rating: { count: 1, average: 5 } },
    });
    expect(await rawComment(id)).toMatchObject({ state: 'hidden', stars: 5, version: 2 });
    // Each attempt is an insert refused (rated today already) then a replacement: the first
    // replacement is cancelled by the decision, the comment is read again, the second lands. Sent
    // again unread, the stale replacement would go out three times and end in 409.
    expect(ratingWrites).toHaveLength(4);
    expect(await checksOf(worker.openid)).toHaveLength(1);
  });

  it('reads no comment for the day’s first rating without words', async () => {
    const { station } = await area();
    const worker = await freshUser();
    const commentReads: string[] = [];
    const stop = beforeEachCommand((command, input) => {
      if (/^(Get|BatchGet|Query|TransactGet)/.test(command) && input.includes('STNCMT#'))
        commentReads.push(command);
    });

    const answer = await rate(worker.token, station.id, { stars: 4, tags: [], comment: '' }).finally(stop);

    expect(answer).toMatchObject({ status: 200, body: { commentState: 'none', rating: { count: 1 } } });
    expect(commentReads).toStrictEqual([]);
  });

  it('reads again when a comment is held between a review’s reads and its decision: decided once, the entry counts the new one; sent again, 409', async () => {
    const { station, staff } = await area();
    const [author, newcomer] = await Promise.all([freshUser(), freshUser()]);
    const id = await holdComment(author, station.id, '先来', 2);
    const decisions: string[] = [];
    const stop = beforeEachCommand(async (command, input) => {
      if (command !== 'TransactWriteItemsCommand' || !input.includes(`STNCMT#${id}`)) return;
      decisions.push(command);
      if (decisions.length > 1) return;
      // The review read the entry counting one (to delete it); another comment is held first.
      expect(
        await rate(newcomer.token, station.id, {
          stars: 4,
          tags: [],
          comment: `后到${fakeSecurityMarkers.review}`,
        }),
      ).toMatchObject({ status: 200, body: { commentState: 'held' } });
    });

    const decided = await review(staff.token, id, { decision: 'hide', version: 1 }).finally(stop);

    expect(decided).toMatchObject({ status: 200, body: { id, state: 'hidden', version: 1 } });
    expect(decisions).toHaveLength(2);
    const newId = await expectedId(newcomer.userId, station.id);
    expect(await rawEntry(station.id)).toMatchObject({ heldCount: 1, heldSince: new Date().toISOString() });
    expect(await queuedIds(staff.token)).toStrictEqual([newId]);

    const again = await review(staff.token, id, { decision: 'hide', version: 1 });

    expect(again).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(await rawEntry(station.id)).toMatchObject({ heldCount: 1 });
    expect(await rawComment(id)).toMatchObject({ state: 'hidden', reviewedBy: staff.userId });
  });

  it('decides a station’s held comments all at once: each decided, the entry counted down and gone', async () => {
    const { station, staff } = await area();
    const workers = await Promise.all(Array.from({ length: 3 }, () => freshUser()));
    const ids: string[] = [];
    for (const worker of workers) ids.push(await holdComment(worker, station.id, '一起', 3));
    expect(await rawEntry(station.id)).toMatchObject({ heldCount: 3 });

    const answers = await Promise.all(
      ids.map((id) => review(staff.token, id, { decision: 'approve', version: 1 })),
    );

    expect(answers.map((answer) => answer.status)).toStrictEqual([200, 200, 200]);
    expect(await rawEntry(station.id)).toBeUndefined();
    expect(await queuedIds(staff.token)).toStrictEqual([]);
    expect(((await publicComments(station.id)) as { id: string }[]).map((c) => c.id).sort()).toStrictEqual(
      [...ids].sort(),
    );
  });

  it('keeps a station’s entry one small item however many of its comments are held', async () => {
    const { county, station, staff } = await area();
    const workers = await Promise.all(Array.from({ length: 40 }, () => freshUser()));
    await Promise.all(
      workers.map((worker) => holdComment(worker, station.id, '多', 3, fakeSecurityMarkers.unreachable)),
    );

    const entry = await rawEntry(station.id);

    const noon = new Date().toISOString();
    const sk = `${noon}#${station.id}`;
    expect(entry).toStrictEqual({
      pk: `STN_HELD_Q#${station.id}`,
      sk: 'ENTRY',
      type: 'HeldCommentQueueEntry',
      stationId: station.id,
      orgPath: county,
      heldSince: noon,
      heldCount: 40,
      expiresAt: Math.floor(Date.now() / 1000) + 183 * 86_400,
      gsi1pk: 'HELD_Q#320000',
      gsi1sk: sk,
      gsi2pk: 'HELD_Q#320000/320500',
      gsi2sk: sk,
      gsi3pk: `HELD_Q#${zjg}`,
      gsi3sk: sk,
      gsi4pk: `HELD_Q#${county}`,
      gsi4sk: sk,
    });
    expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThan(1024);
    expect(await queuedIds(staff.token)).toHaveLength(30);
  });
});

describe('Who may decide a held comment', () => {
  it('refuses staff of a prefix-sibling org, of an org below the station’s and of another branch: 403 OUT_OF_SCOPE, nothing decided, nothing listed', async () => {
    const { county, station, staff } = await area();
    const prefixSibling = await putOrg(`${county}1`, zjg, '前缀相同的邻县工会');
    const otherBranch = await freshOrg('320000', '另一个市工会');
    const town = await freshOrg(county, '县下的镇工会');
    const [sibling, otherCity, below] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: prefixSibling }),
      freshUser({ roles: ['staff'], orgPath: otherBranch }),
      freshUser({ roles: ['staff'], orgPath: town }),
    ]);
    const worker = await freshUser();
    const id = await holdComment(worker, station.id, '看看', 2);

    for (const token of [sibling.token, otherCity.token, below.token]) {
      expect(await review(token, id, { decision: 'approve', version: 1 })).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
      expect(await queuedIds(token)).toStrictEqual([]);
    }

    expect(await rawComment(id)).toMatchObject({ state: 'held', version: 1 });
    expect(await queuedIds(staff.token)).toStrictEqual([id]);
  });

  it('lets staff of every org above the station list and decide its held comment, each from its own level’s queue', async () => {
    // A tree of its own below the province, so each level's whole queue holds only this comment.
    const city = await freshOrg('320000', '上级市工会');
    const county = await freshOrg(city, '上级县工会');
    const town = await freshOrg(county, '上级镇工会');
    const station = await storedStation({ orgPath: town });
    const [province, cityStaff, countyStaff, townStaff] = await Promise.all(
      ['320000', city, county, town].map((orgPath) => freshUser({ roles: ['staff'], orgPath })),
    );
    const worker = await freshUser();
    const id = await holdComment(worker, station.id, '上级看', 2);

    for (const staff of [cityStaff!, countyStaff!, townStaff!])
      expect(await queuedIds(staff.token)).toStrictEqual([id]);
    expect(await queuedIds(province!.token, { org: town })).toStrictEqual([id]);
    expect(await review(province!.token, id, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
      body: { id, state: 'public', version: 1 },
    });
    expect(await rawEntry(station.id)).toBeUndefined();
    expect(await queuedIds(cityStaff!.token)).toStrictEqual([]);
  });
});

describe('The held comment queue’s order and empty entries', () => {
  it('lists stations oldest waiting first across the subtree, whatever their org or id; a decision moves a station to its next oldest', async () => {
    const city = await freshOrg('320000', '排序市工会');
    const counties = (await Promise.all([freshOrg(city, '排序甲县'), freshOrg(city, '排序乙县')])).sort();
    const [first, second, third] = await Promise.all([
      storedStation({ orgPath: counties[1]! }),
      storedStation({ orgPath: counties[0]! }),
      storedStation({ orgPath: counties[0]! }),
    ]);
    const cityStaff = await freshUser({ roles: ['staff'], orgPath: city });
    const day = shanghaiDate(new Date());
    const held: { id: string; stationId: string; at: string }[] = [];
    const holdAt = async (time: string, stationId: string) => {
      vi.setSystemTime(new Date(`${day}T${time}:00+08:00`));
      const worker = await freshUser();
      const id = await holdComment(worker, stationId, '排队', 3);
      held.push({ id, stationId, at: new Date().toISOString() });
      return id;
    };
    /** The queue worked out here: stations by their oldest held comment (then id), each one's comments oldest first. */
    const queueOrder = (comments: typeof held) => {
      const since = new Map<string, string>();
      for (const { stationId, at } of comments)
        if (!since.has(stationId) || at < since.get(stationId)!) since.set(stationId, at);
      const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return [...comments]
        .sort(
          (a, b) =>
            order(since.get(a.stationId)!, since.get(b.stationId)!) ||
            order(a.stationId, b.stationId) ||
            order(a.at, b.at) ||
            order(a.id, b.id),
        )
        .map((comment) => comment.id);
    };
    // Held in this order of time; by org path then id the later county's station would come last.
    const early = await holdAt('08:00', first!.id);
    const middle = await holdAt('09:00', third!.id);
    const late = await holdAt('10:00', second!.id);
    const laterAtFirst = await holdAt('11:00', first!.id);
    vi.setSystemTime(new Date(`${day}T12:00:00+08:00`));

    expect(await queuedIds(cityStaff.token)).toStrictEqual(queueOrder(held));
    expect(queueOrder(held)).toStrictEqual([early, laterAtFirst, middle, late]);

    // Its oldest decided, the first station waits from 11:00: after the two others.
    expect(await review(cityStaff.token, early, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
    });
    const rest = held.filter((comment) => comment.id !== early);
    expect(await queuedIds(cityStaff.token)).toStrictEqual(queueOrder(rest));
    expect(queueOrder(rest)).toStrictEqual([middle, late, laterAtFirst]);
  });

  it('goes past entries whose comments are gone, within its bound: no empty page with a cursor, nothing written', async () => {
    const { county, station, staff } = await area();
    const worker = await freshUser();
    const id = await holdComment(worker, station.id, '最后', 3);
    // Twelve entries waiting longer in the county's queue, each counting one comment TTL removed:
    // more than one read of entries takes.
    const ghosts = Array.from({ length: 12 }, () => `st_ghost${randomUUID().slice(0, 8)}`);
    await Promise.all(
      ghosts.map((stationId, n) => {
        const since = `${shanghaiDate(new Date())}T01:${String(n).padStart(2, '0')}:00.000Z`;
        return db.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: `STN_HELD_Q#${stationId}`,
              sk: 'ENTRY',
              type: 'HeldCommentQueueEntry',
              stationId,
              orgPath: county,
              heldSince: since,
              heldCount: 1,
              expiresAt: Math.floor(Date.now() / 1000) + 86_400,
              gsi4pk: `HELD_Q#${county}`,
              gsi4sk: `${since}#${stationId}`,
            },
          }),
        );
      }),
    );
    const tally = tallyDynamo(db, 'ghostTally');

    const page = await heldQueue(staff.token);
    const counted = tally.reset();
    tally.remove();

    expect(page.status).toBe(200);
    expect(page.body).toStrictEqual({ comments: [expect.objectContaining({ id })] });
    // The caller (1 get); ten entries and their stations (1 + 10 queries); the two other ghosts, the
    // real entry and their stations (1 + 3 queries): a constant number, not one read per ghost page.
    expect(counted).toMatchObject({ readRequests: 16, writeRequests: 0 });
  });
});
