import { randomUUID } from 'node:crypto';
import { SUGGESTION_DAILY_CAP } from '@ankang/shared';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { demoUserId, demoUsers } from '../../functions/local/demoData';
import type { MessagesSeen } from '../../functions/local/fakeWechatMessages';
import { db, tableName } from '../../functions/src/db/client';
import { keys, suggestionKeys } from '../../functions/src/db/keys';
import { getStationById } from '../../functions/src/db/stations';
import { handler as recordSubscriptions } from '../../functions/src/handlers/recordSubscriptions';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { userWithOpenid } from './assignmentFixtures';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { mine, north, queue, review, suggest, suggestionArea, suggestionBody } from './suggestionFixtures';

// The daily cap counts per Shanghai day: never straddle midnight.
atShanghaiNoon();

type Body = { suggestion: Record<string, unknown> & { id: string; version: number } };
const suggestionOf = (result: { body: unknown }) => (result.body as Body).suggestion;
const ids = (result: { body: unknown }) =>
  (result.body as { suggestions: { id: string }[] }).suggestions.map((s) => s.id);

async function rawSuggestion(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: suggestionKeys.suggestion(id), ConsistentRead: true }),
  );
  return Item;
}

describe('Handler: createSuggestion', () => {
  it('files a suggestion with the union of the nearest station whose box holds the point', async () => {
    const area = await suggestionArea();
    // 1 km north: inside the town's box (±0.02° ≈ ±2.2 km), beyond the 80 m duplicate distance.
    const location = north(area.center, 1000);
    const body = suggestionBody({ location });
    const created = await suggest(area.worker.token, body);
    expect(created.status).toBe(201);
    const suggestion = suggestionOf(created);
    expect(suggestion).toStrictEqual({
      id: suggestion.id,
      name: '环卫工人休息点',
      address: '人民路 88 号',
      location,
      hostType: 'community',
      amenities: ['water', 'charging'],
      note: '有热水，白天一直开着',
      state: 'pending',
      orgPath: area.town,
      orgName: `测试镇${area.tag}工会`,
      nearStation: null,
      stationId: null,
      declineReason: null,
      photos: [],
      decidedAt: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      version: 1,
    });
    expect(suggestion.id).toMatch(/^sg_[0-9a-f]{24}$/);
    // The view never names the suggester, but the record keeps them for 我的建议.
    expect(JSON.stringify(created.body)).not.toContain(area.worker.userId);
    expect((await rawSuggestion(suggestion.id))?.suggesterId).toBe(area.worker.userId);
    expect(ids(await mine(area.worker.token))).toStrictEqual([suggestion.id]);
  });

  it('goes up to the county when the point is outside the town box but inside the county box', async () => {
    const area = await suggestionArea();
    // 5 km north: outside the town (±2.2 km), inside the county (±11 km), the town's station nearest.
    const created = await suggest(area.worker.token, suggestionBody({ location: north(area.center, 5000) }));
    expect(created.status).toBe(201);
    expect(suggestionOf(created)).toMatchObject({ orgPath: area.county, orgName: `测试县${area.tag}工会` });
  });

  it('warns of a station within 80 m, naming it, and stores the suggestion only once confirmed', async () => {
    const area = await suggestionArea();
    const location = north(area.center, 50);
    const body = suggestionBody({ location });
    const warned = await suggest(area.worker.token, body);
    expect(warned).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'STATION_NEARBY',
          message: `附近 50 米已有驿站“${area.station.name}”，请确认是否为同一地点`,
          details: { nearStation: { id: area.station.id, name: area.station.name, distanceM: 50 } },
        },
      },
    });
    expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [] });
    const confirmed = await suggest(area.worker.token, { ...body, confirmNearby: true });
    expect(confirmed.status).toBe(201);
    expect(suggestionOf(confirmed).nearStation).toStrictEqual({
      id: area.station.id,
      name: area.station.name,
      distanceM: 50,
    });
  });

  it('does not warn at 90 m (past the 80 m duplicate distance)', async () => {
    const area = await suggestionArea();
    const created = await suggest(area.worker.token, suggestionBody({ location: north(area.center, 90) }));
    expect(created.status).toBe(201);
    expect(suggestionOf(created).nearStation).toBeNull();
  });

  it('refuses a point with no station within 20 km, storing nothing', async () => {
    const area = await suggestionArea();
    const refused = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 21_000) }),
    );
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'SUGGESTION_NO_AREA' } } });
    expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [] });
    // 19 km still finds the station (its county's box is left behind: the top of the chain takes it).
    const near = await suggest(area.worker.token, suggestionBody({ location: north(area.center, 19_000) }));
    expect(near.status).toBe(201);
    expect(suggestionOf(near).orgPath).toBe(area.county);
  });

  it('answers retries, sequential and racing, with the first suggestion and stores one', async () => {
    const area = await suggestionArea();
    const body = suggestionBody({ location: north(area.center, 1000) });
    const answers = await Promise.all([1, 2, 3].map(() => suggest(area.worker.token, body)));
    const again = await suggest(area.worker.token, body);
    const first = suggestionOf(answers[0]!);
    for (const answer of [...answers, again])
      expect(answer).toStrictEqual({ status: 201, body: { suggestion: first } });
    expect(ids(await mine(area.worker.token))).toStrictEqual([first.id]);
  });

  it('refuses a request id reused for other content, and another user’s request id is theirs', async () => {
    const area = await suggestionArea();
    const body = suggestionBody({ location: north(area.center, 1000) });
    const first = await suggest(area.worker.token, body);
    const reused = await suggest(area.worker.token, { ...body, name: '另一个地方' });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'REQUEST_ID_REUSED' } } });
    // Another person sending the same request id gets a suggestion of their own.
    const other = await freshUser();
    const theirs = await suggest(other.token, body);
    expect(theirs.status).toBe(201);
    expect(suggestionOf(theirs).id).not.toBe(suggestionOf(first).id);
    expect(ids(await mine(area.worker.token))).toStrictEqual([suggestionOf(first).id]);
  });

  it('allows SUGGESTION_DAILY_CAP (5) suggestions a day and refuses the next, storing nothing; a retry still answers', async () => {
    // The clock is held at Shanghai noon (atShanghaiNoon above), so all of them fall on one day.
    expect(SUGGESTION_DAILY_CAP).toBe(5);
    const area = await suggestionArea();
    const bodies = [1, 2, 3, 4, 5, 6].map((i) => suggestionBody({ location: north(area.center, 200 * i) }));
    const sent: string[] = [];
    for (const body of bodies.slice(0, 5)) {
      const answer = await suggest(area.worker.token, body);
      expect(answer.status).toBe(201);
      sent.push(suggestionOf(answer).id);
    }
    const sixth = await suggest(area.worker.token, bodies[5]);
    expect(sixth).toStrictEqual({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: '今天的驿站建议次数已达上限（每天 5 次），请明天再试' },
      },
    });
    expect(ids(await mine(area.worker.token)).sort()).toStrictEqual([...sent].sort());
    // A retry of the first (its request id) is still answered with that suggestion, over the cap.
    const retried = await suggest(area.worker.token, bodies[0]);
    expect(retried.status).toBe(201);
    expect(suggestionOf(retried).id).toBe(sent[0]);
    expect(ids(await mine(area.worker.token)).sort()).toStrictEqual([...sent].sort());
  });

  it('refuses bad input with 400 and field paths, storing nothing', async () => {
    const area = await suggestionArea();
    const good = suggestionBody({ location: north(area.center, 1000) });
    const cases: [unknown, string][] = [
      [{ ...good, name: '' }, 'body.name'],
      [{ ...good, name: '名'.repeat(61) }, 'body.name'],
      [{ ...good, address: 'a\u202Eb' }, 'body.address'],
      [{ ...good, location: { lat: 91, lng: 81 } }, 'body.location.lat'],
      [{ ...good, location: { lat: 1, lng: 81 } }, 'body.location'],
      [{ ...good, amenities: ['pool'] }, 'body.amenities.0'],
      [{ ...good, hostType: 'castle' }, 'body.hostType'],
      [{ ...good, note: 'x'.repeat(201) }, 'body.note'],
      [{ ...good, requestId: 'short' }, 'body.requestId'],
      [{ ...good, confirmNearby: 'yes' }, 'body.confirmNearby'],
    ];
    for (const [body, path] of cases) {
      const answer = await suggest(area.worker.token, body);
      expect(answer.status, path).toBe(400);
      const issues = (answer.body as { error: { code: string; details: { issues: { path: string }[] } } })
        .error;
      expect(issues.code).toBe('VALIDATION_FAILED');
      expect(issues.details.issues.map((issue) => issue.path)).toContain(path);
    }
    expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [] });
    expect(await suggest(undefined, good)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [] });
  });
});

describe('Handler: listMySuggestions and listSuggestions', () => {
  it('shows each suggester only their own, newest first, and refuses a forged cursor', async () => {
    const area = await suggestionArea();
    const other = await freshUser();
    const made: string[] = [];
    for (let i = 1; i <= 3; i += 1) {
      vi.setSystemTime(new Date(Date.now() + 1000));
      made.push(
        suggestionOf(
          await suggest(area.worker.token, suggestionBody({ location: north(area.center, 300 * i) })),
        ).id,
      );
    }
    expect(ids(await mine(area.worker.token))).toStrictEqual([...made].reverse());
    expect((await mine(other.token)).body).toStrictEqual({ suggestions: [] });
    expect((await mine(area.worker.token, 'forged')).body).toMatchObject({ error: { code: 'BAD_CURSOR' } });
  });

  it('shows the queue to staff of the node and above, never to a sibling, and filters by state', async () => {
    const area = await suggestionArea();
    const atTown = suggestionOf(
      await suggest(area.worker.token, suggestionBody({ location: north(area.center, 1000) })),
    );
    const atCounty = suggestionOf(
      await suggest(area.worker.token, suggestionBody({ location: north(area.center, 5000) })),
    );
    expect(ids(await queue(area.townStaff.token)).sort()).toStrictEqual([atTown.id]);
    expect(ids(await queue(area.countyStaff.token)).sort()).toStrictEqual([atTown.id, atCounty.id].sort());
    expect((await queue(area.siblingStaff.token)).body).toStrictEqual({ suggestions: [] });
    expect(await queue(area.siblingStaff.token, { org: area.county })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await queue(area.townStaff.token, { org: area.county })).toMatchObject({ status: 403 });
    expect(await queue(area.worker.token)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect((await queue(area.countyStaff.token, { state: 'approved' })).body).toStrictEqual({
      suggestions: [],
    });
    expect(await queue(area.countyStaff.token, { state: 'done' })).toMatchObject({ status: 400 });
  });
});

describe('Handler: reviewSuggestion', () => {
  it('approves into a paused draft station made by the station create path, once, however often retried', async () => {
    const area = await suggestionArea();
    const location = north(area.center, 1000);
    const pending = suggestionOf(await suggest(area.worker.token, suggestionBody({ location })));
    const stationId = `st_${pending.id.slice(3)}`;
    const answers = await Promise.all(
      [1, 2].map(() => review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' })),
    );
    for (const answer of answers) expect(answer.status).toBe(200);
    const approved = suggestionOf(answers[0]!);
    expect(approved).toStrictEqual({
      ...pending,
      state: 'approved',
      stationId,
      decidedAt: new Date().toISOString(),
      version: 2,
    });
    expect(suggestionOf(answers[1]!)).toStrictEqual(approved);
    const station = await getStationById(stationId);
    expect(station).toMatchObject({
      id: stationId,
      name: '环卫工人休息点',
      address: '人民路 88 号',
      district: `测试县${area.tag} 测试镇${area.tag}`,
      orgPath: area.town,
      location,
      hostType: 'community',
      amenities: ['water', 'charging'],
      hours: { alwaysOpen: false, weekly: [], exceptions: [] },
      status: { state: 'temporarilyClosed', reason: '资料待完善（职工建议新增）' },
      version: 1,
    });
    // A later retry answers the same and makes no second station.
    expect(await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' })).toStrictEqual(
      {
        status: 200,
        body: { suggestion: approved },
      },
    );
    expect((await getStationById(stationId))?.version).toBe(1);
    expect(ids(await queue(area.townStaff.token))).toStrictEqual([]);
    expect(ids(await queue(area.townStaff.token, { state: 'approved' }))).toStrictEqual([pending.id]);
    expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [approved] });
  });

  it('makes the draft station on a retried approval when the first left it missing', async () => {
    const area = await suggestionArea();
    const pending = suggestionOf(
      await suggest(area.worker.token, suggestionBody({ location: north(area.center, 1000) })),
    );
    await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' });
    const stationId = `st_${pending.id.slice(3)}`;
    await db.send(new DeleteCommand({ TableName: tableName, Key: keys.station(stationId) }));
    expect(await getStationById(stationId)).toBeNull();
    const retried = await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' });
    expect(retried).toMatchObject({
      status: 200,
      body: { suggestion: { id: pending.id, state: 'approved', version: 2 } },
    });
    expect(await rawSuggestion(pending.id)).toMatchObject({ state: 'approved', version: 2 });
    expect(await getStationById(stationId)).toMatchObject({
      name: '环卫工人休息点',
      orgPath: area.town,
      version: 1,
    });
  });

  it('declines with a reason the suggester sees, and a decided suggestion takes no other decision', async () => {
    const area = await suggestionArea();
    const pending = suggestionOf(
      await suggest(area.worker.token, suggestionBody({ location: north(area.center, 1000) })),
    );
    const declined = await review(area.countyStaff.token, pending.id, {
      version: 1,
      decision: 'decline',
      reason: '该地点为私人仓库，不对外开放',
    });
    expect(declined).toStrictEqual({
      status: 200,
      body: {
        suggestion: {
          ...pending,
          state: 'declined',
          declineReason: '该地点为私人仓库，不对外开放',
          decidedAt: new Date().toISOString(),
          version: 2,
        },
      },
    });
    expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [suggestionOf(declined)] });
    expect(
      await review(area.countyStaff.token, pending.id, { version: 2, decision: 'approve' }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION' } },
    });
    expect(await getStationById(`st_${pending.id.slice(3)}`)).toBeNull();
  });

  it('lets exactly one of a racing approval and decline win; the other is 409 and changes nothing', async () => {
    const area = await suggestionArea();
    const pending = suggestionOf(
      await suggest(area.worker.token, suggestionBody({ location: north(area.center, 1000) })),
    );
    const [approve, decline] = await Promise.all([
      review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' }),
      review(area.countyStaff.token, pending.id, { version: 1, decision: 'decline', reason: '重复的地点' }),
    ]);
    expect([approve.status, decline.status].sort()).toStrictEqual([200, 409]);
    const stored = await rawSuggestion(pending.id);
    const station = await getStationById(`st_${pending.id.slice(3)}`);
    if (approve.status === 200) {
      expect(stored).toMatchObject({ state: 'approved', version: 2, declineReason: null });
      expect(station).not.toBeNull();
    } else {
      expect(stored).toMatchObject({ state: 'declined', version: 2, declineReason: '重复的地点' });
      expect(station).toBeNull();
    }
  });

  it('refuses a stale version, staff beside or below, workers, a forged id and a missing reason', async () => {
    const area = await suggestionArea();
    const pending = suggestionOf(
      await suggest(area.worker.token, suggestionBody({ location: north(area.center, 5000) })),
    );
    // At the county: town staff are below it, sibling staff beside it.
    expect(await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' })).toMatchObject(
      {
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      },
    );
    expect(
      await review(area.siblingStaff.token, pending.id, { version: 1, decision: 'approve' }),
    ).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await review(area.worker.token, pending.id, { version: 1, decision: 'approve' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(
      await review(area.countyStaff.token, pending.id, { version: 3, decision: 'approve' }),
    ).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 1 },
        },
      },
    });
    expect(
      await review(area.countyStaff.token, 'sg_0000000000000000', { version: 1, decision: 'approve' }),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'SUGGESTION_NOT_FOUND' } },
    });
    expect(
      await review(area.countyStaff.token, pending.id, { version: 1, decision: 'decline' }),
    ).toMatchObject({
      status: 400,
    });
    expect(await review(area.countyStaff.token, pending.id, { version: 1, decision: 'maybe' })).toMatchObject(
      {
        status: 400,
      },
    );
    expect(await rawSuggestion(pending.id)).toMatchObject({ state: 'pending', version: 1 });
    expect(await getStationById(`st_${pending.id.slice(3)}`)).toBeNull();
  });

  it('tells a consenting suggester the outcome once by subscribe message', async () => {
    const area = await suggestionArea();
    const suggester = await userWithOpenid('suggest');
    await invoke(
      recordSubscriptions,
      httpEvent({
        method: 'POST',
        path: '/me/subscriptions',
        token: suggester.token,
        body: { requestId: randomUUID(), results: [{ topic: 'suggestionOutcome', result: 'accept' }] },
      }),
    );
    const pending = suggestionOf(
      await suggest(suggester.token, suggestionBody({ location: north(area.center, 1000) })),
    );
    const reason = '这里是一个非常非常长的理由，超过了微信二十个字的限制的部分会被截断';
    await review(area.townStaff.token, pending.id, { version: 1, decision: 'decline', reason });
    await review(area.townStaff.token, pending.id, { version: 1, decision: 'decline', reason });
    const response = await fetch(
      `${inject('wechatApiBase')}/__fake/messages?touser=${encodeURIComponent(suggester.openid)}`,
    );
    const seen = (await response.json()) as MessagesSeen;
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .split('-');
    expect(seen.messages).toStrictEqual([
      {
        touser: suggester.openid,
        template_id: 'test-template-suggestion',
        page: 'suggest/pages/mine/index',
        data: {
          thing1: { value: '环卫工人休息点' },
          phrase2: { value: '未采纳' },
          thing3: { value: `${[...reason].slice(0, 19).join('')}…` },
          date4: { value: `${y}年${Number(m)}月${Number(d)}日` },
        },
        miniprogram_state: expect.any(String),
        lang: 'zh_CN',
      },
    ]);
  });
});

describe('Demo data: suggested stations', () => {
  it('gives 顾晓东 (大新镇) three pending suggestions and one he declined, by demo workers', async () => {
    const guxiaodong = demoUsers.find((user) => user.nickname === '顾晓东')!;
    const { token } = await issueAccessToken({ id: demoUserId(guxiaodong), tokenVersion: 0 }, new Date());
    const names = async (state: string) =>
      ((await queue(token, { state })).body as { suggestions: { name: string; orgPath: string }[] })
        .suggestions;
    // Only the demo puts suggestions in 大新镇 (this file's live in 650000).
    expect((await names('pending')).map((s) => [s.name, s.orgPath]).sort()).toStrictEqual([
      ['大新镇中心菜场快递歇脚点', '320000/320500/320582/daxin'],
      ['新华路环卫所饮水点', '320000/320500/320582/daxin'],
      ['福前路加油站便利店休息区', '320000/320500/320582/daxin'],
    ]);
    expect((await names('declined')).map((s) => s.name)).toStrictEqual(['沿江公路桥下空地']);
  });
});
