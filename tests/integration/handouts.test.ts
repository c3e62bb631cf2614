import { randomUUID } from 'node:crypto';
import type { Handout } from '@ankang/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { assignmentToItem } from '../../functions/src/db/assignmentItems';
import { db, tableName } from '../../functions/src/db/client';
import { day, storedWorksite, today } from './assignmentFixtures';
import {
  countedAt,
  expectedPseudonym,
  foreignSeed,
  getCode,
  getKeys,
  hand,
  handoutId,
  handoutScene,
  makeCode,
  mine,
  review,
  staffList,
} from './handoutFixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

type Scene = Awaited<ReturnType<typeof handoutScene>>;

const TEN_MINUTES = 600_000;

/** A hand-out body at the town (inside the volunteer's county), handed out now. */
function body(scene: Scene, code: string, overrides: Record<string, unknown> = {}) {
  return {
    id: handoutId(),
    campaignId: scene.campaign.id,
    code,
    handedAt: new Date().toISOString(),
    place: { type: 'adHoc', orgPath: scene.town },
    mode: 'live',
    ...overrides,
  };
}

/** What the API must answer for a hand-out of the scene's allowance item, from the fixtures. */
function expectedHandout(
  scene: Scene,
  input: ReturnType<typeof body>,
  extra: Partial<Handout> = {},
): Handout {
  return {
    id: input.id,
    campaignId: scene.campaign.id,
    workerTag: expectedPseudonym(scene.worker.userId).slice(0, 6),
    kind: 'cool',
    item: 'water',
    itemName: '矿泉水',
    unit: '瓶',
    quantity: 1,
    moneyFen: 150,
    handedAt: new Date(input.handedAt).toISOString(),
    date: today(),
    place: { type: 'adHoc' },
    placeName: '测试镇工会',
    orgPath: scene.town,
    recorderName: '赵测试',
    mode: input.mode as Handout['mode'],
    countThatDay: 1,
    flags: [],
    review: { status: 'none' },
    version: 1,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

async function workerCode(scene: Scene): Promise<string> {
  const result = await getCode(scene.worker.token);
  expect(result.status).toBe(200);
  return (result.body as { code: string }).code;
}

async function stored(id: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `HANDOUT#${id}`, sk: 'HANDOUT' },
      ConsistentRead: true,
    }),
  );
  return Item ?? null;
}

const invalidCode = (message: string) => ({
  status: 400,
  body: { error: { code: 'COOLING_CODE_INVALID', message } },
});

describe('Handler: getCoolingCode and listCoolingCodeKeys', () => {
  atShanghaiNoon();

  it('signs a 10-minute code carrying only the keyed pseudonym, checkable with the served key', async () => {
    const s = await handoutScene();
    const result = await getCode(s.worker.token);
    const nowMs = Date.now();
    const code = makeCode(expectedPseudonym(s.worker.userId), nowMs + TEN_MINUTES);
    // Ed25519 is deterministic: the server's code is byte for byte the one made here independently.
    expect(result).toStrictEqual({
      status: 200,
      body: {
        code,
        expiresAt: new Date(nowMs + TEN_MINUTES).toISOString(),
        refreshAt: new Date(nowMs + TEN_MINUTES - 120_000).toISOString(),
      },
    });
    expect(code).not.toContain(s.worker.userId);
    expect(code).not.toContain(s.worker.openid);

    const keys = await getKeys(s.volunteer.token);
    expect(keys.status).toBe(200);
    const [key] = (keys.body as { keys: { id: string; publicKey: string }[] }).keys;
    expect(code.split('.')[1]).toBe(key?.id);
    expect((await getKeys()).status).toBe(401);
  });
});

describe('Handler: createHandout', () => {
  atShanghaiNoon();

  it('hands out up to the allowance live, then refuses with ALLOWANCE_EXCEEDED and stores nothing', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const first = body(s, code);
    expect(await hand(s.volunteer.token, first)).toStrictEqual({
      status: 201,
      body: expectedHandout(s, first),
    });
    const second = body(s, code);
    expect(await hand(s.volunteer.token, second)).toStrictEqual({
      status: 201,
      body: expectedHandout(s, second, { countThatDay: 2 }),
    });
    expect(await countedAt(s.campaign.id, s.county)).toStrictEqual({
      handouts: 2,
      people: 2,
      moneyFen: 300,
      water: 2,
    });

    const third = body(s, code);
    expect(await hand(s.volunteer.token, third)).toStrictEqual({
      status: 409,
      body: {
        error: { code: 'ALLOWANCE_EXCEEDED', message: '该职工今日已领 2 份，已达每人每天 2 份的额度' },
      },
    });
    expect(await stored(third.id)).toBeNull();
    expect(await countedAt(s.campaign.id, s.county)).toStrictEqual({
      handouts: 2,
      people: 2,
      moneyFen: 300,
      water: 2,
    });
    // The town's own figures count the same two (every level from the campaign's org down).
    expect((await countedAt(s.campaign.id, s.town)).handouts).toBe(2);
    // Another worker still has their own allowance.
    const otherCode = makeCode(expectedPseudonym(s.stranger.userId), Date.now() + TEN_MINUTES);
    expect((await hand(s.volunteer.token, body(s, otherCode))).status).toBe(201);
  });

  it('keeps a queued hand-out beyond the allowance, flagged for review and counted', async () => {
    const s = await handoutScene({ perWorkerPerDay: 1 });
    const code = await workerCode(s);
    expect((await hand(s.volunteer.token, body(s, code))).status).toBe(201);
    const late = body(s, code, { mode: 'queued' });
    const result = await hand(s.volunteer.token, late);
    expect(result).toStrictEqual({
      status: 201,
      body: expectedHandout(s, late, {
        countThatDay: 2,
        flags: ['overAllowance'],
        review: { status: 'pending' },
      }),
    });
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 2, water: 2 });

    const flagged = await staffList(s.staff.token, s.campaign.id, { flagged: 'true' });
    expect(flagged).toStrictEqual({ status: 200, body: { handouts: [result.body], nextCursor: null } });
    const plain = await staffList(s.staff.token, s.campaign.id);
    expect((plain.body as { handouts: Handout[] }).handouts.map((h) => h.countThatDay)).toStrictEqual([1]);
  });

  it('answers a retry with the first record, writes once, and refuses the id with other content', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const input = body(s, code);
    const first = await hand(s.volunteer.token, input);
    expect(first.status).toBe(201);
    vi.setSystemTime(Date.now() + 60_000);
    expect(await hand(s.volunteer.token, input)).toStrictEqual(first);
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 1 });
    const listed = await mine(s.volunteer.token, s.campaign.id);
    expect(listed).toStrictEqual({ status: 200, body: { handouts: [first.body], nextCursor: null } });

    expect(await hand(s.volunteer.token, { ...input, mode: 'queued' })).toStrictEqual({
      status: 409,
      body: {
        error: { code: 'REQUEST_ID_REUSED', message: '该记录编号已用于另一条内容不同的记录，请重新填写提交' },
      },
    });
    // Another recorder replaying the same request does not get it either.
    expect((await hand(s.staff.token, input)).status).toBe(409);
  });

  it('stores one record when copies of one request race', async () => {
    const s = await handoutScene();
    const input = body(s, await workerCode(s));
    const results = await Promise.all([1, 2, 3].map(() => hand(s.volunteer.token, input)));
    expect(results.map((r) => r.status)).toStrictEqual([201, 201, 201]);
    expect(results[1]).toStrictEqual(results[0]);
    expect(results[2]).toStrictEqual(results[0]);
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 1, water: 1 });
  });

  it('gives the last allowance slot to exactly one of two racing live scans', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    expect((await hand(s.volunteer.token, body(s, code))).status).toBe(201);
    const racers = [body(s, code), body(s, code)];
    const results = await Promise.all(racers.map((input) => hand(s.volunteer.token, input)));
    expect(results.map((r) => r.status).sort()).toStrictEqual([201, 409]);
    const loser = racers[results.findIndex((r) => r.status === 409)]!;
    expect(await stored(loser.id)).toBeNull();
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 2, water: 2 });
  });

  it('refuses tampered, expired and foreign codes with COOLING_CODE_INVALID, storing nothing', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
    const cases: [string, string][] = [
      [flip(code, 20), '清凉码无效：清凉码被改动或伪造'],
      [flip(code, code.length - 5), '清凉码无效：清凉码被改动或伪造'],
      [
        makeCode(expectedPseudonym(s.worker.userId), Date.now() - 5 * 60_000),
        '清凉码已过期：请职工刷新清凉码',
      ],
      [
        makeCode(expectedPseudonym(s.worker.userId), Date.now() + TEN_MINUTES, foreignSeed()),
        '清凉码无效：签发密钥未知，请联网后重试',
      ],
      ['https://example.com/not-a-code', '清凉码不是清凉码'],
    ];
    for (const [text, message] of cases) {
      const input = body(s, text);
      expect(await hand(s.volunteer.token, input), text).toStrictEqual(invalidCode(message));
      expect(await stored(input.id)).toBeNull();
    }
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 0 });
  });

  it('refuses a hand-out dated before its code was made (a fresh code cannot vouch for an earlier time)', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    // An hour back is today and inside the season; only the code's age rules it out.
    for (const mode of ['live', 'queued'] as const) {
      const input = body(s, code, { handedAt: new Date(Date.now() - 60 * 60_000).toISOString(), mode });
      expect(await hand(s.volunteer.token, input)).toStrictEqual(
        invalidCode('清凉码无效：清凉码的时间晚于发放时间'),
      );
      expect(await stored(input.id)).toBeNull();
    }
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 0 });
  });

  it('accepts a queued record whose code was valid when handed out, though expired on arrival', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const handedAt = new Date(Date.now() + 60_000).toISOString();
    // The phone was offline for half an hour.
    vi.setSystemTime(Date.now() + 30 * 60_000);
    const input = body(s, code, { handedAt, mode: 'queued' });
    const result = await hand(s.volunteer.token, input);
    expect(result).toStrictEqual({ status: 201, body: expectedHandout(s, input) });
    // The same code presented now, live, is refused.
    expect((await hand(s.volunteer.token, body(s, code))).body).toStrictEqual(
      invalidCode('清凉码已过期：请职工刷新清凉码').body,
    );
  });

  it('lets only approved volunteers of the campaign and staff in scope record', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    expect(await hand(s.stranger.token, body(s, code))).toStrictEqual({
      status: 403,
      body: { error: { code: 'NOT_CAMPAIGN_VOLUNTEER', message: '您不是该活动已通过审核的志愿者' } },
    });
    const outside = await hand(s.otherStaff.token, body(s, code));
    expect(outside.status).toBe(403);
    expect((outside.body as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    const byStaff = body(s, code);
    expect(await hand(s.staff.token, byStaff)).toStrictEqual({
      status: 201,
      body: expectedHandout(s, byStaff, { recorderName: '测试用户' }),
    });
    // A volunteer outside their districts (another city) is refused too.
    const elsewhere = await hand(
      s.volunteer.token,
      body(s, code, { place: { type: 'adHoc', orgPath: '320000/320500/320571' } }),
    );
    expect(elsewhere.status).toBe(403);
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 1 });
  });

  it('refuses a campaign without an allowance, a future time and a day outside the season', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const future = body(s, code, { handedAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    expect(await hand(s.volunteer.token, future)).toStrictEqual({
      status: 422,
      body: { error: { code: 'OUTSIDE_SEASON', message: '发放时间晚于当前时间，请检查手机时间' } },
    });
    const before = body(
      s,
      makeCode(expectedPseudonym(s.worker.userId), Date.parse(`${day(-11)}T12:05:00+08:00`)),
      {
        handedAt: `${day(-11)}T12:00:00+08:00`,
        mode: 'queued',
      },
    );
    expect(await hand(s.volunteer.token, before)).toStrictEqual({
      status: 422,
      body: {
        error: { code: 'OUTSIDE_SEASON', message: `发放日期须在活动期间（${day(-10)} 至 ${day(40)}）` },
      },
    });
    const plain = await handoutScene();
    const { coolingAllowance: _none, ...withoutAllowance } = plain.campaign;
    const { storedCampaign } = await import('./assignmentFixtures');
    const bare = await storedCampaign(plain.county, { ...withoutAllowance, id: `${plain.campaign.id}x` });
    const noAllowance = await hand(s.volunteer.token, { ...body(s, code), campaignId: bare.id });
    expect(noAllowance.status).toBe(409);
    expect((noAllowance.body as { error: { code: string } }).error.code).toBe('NO_ALLOWANCE');
  });
});

describe('Handler: reviewHandout', () => {
  atShanghaiNoon();

  it('undoes a flagged hand-out and takes it out of the figures; keeping one changes nothing', async () => {
    const s = await handoutScene({ perWorkerPerDay: 1 });
    const code = await workerCode(s);
    await hand(s.volunteer.token, body(s, code));
    const over = [body(s, code, { mode: 'queued' }), body(s, code, { mode: 'queued' })];
    for (const input of over) expect((await hand(s.volunteer.token, input)).status).toBe(201);
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 3, moneyFen: 450 });

    const rejected = await review(s.staff.token, over[0]!.id, {
      version: 1,
      decision: 'reject',
      comment: '重复领取',
    });
    expect(rejected.status).toBe(200);
    expect((rejected.body as Handout).review).toStrictEqual({
      status: 'rejected',
      comment: '重复领取',
      reviewerName: '测试用户',
      at: new Date().toISOString(),
    });
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 2, moneyFen: 300, water: 2 });
    // The same decision again (its answer lost) is answered as it is; another decision is refused.
    expect(
      await review(s.staff.token, over[0]!.id, { version: 1, decision: 'reject', comment: '重复领取' }),
    ).toStrictEqual(rejected);
    expect((await review(s.staff.token, over[0]!.id, { version: 2, decision: 'approve' })).status).toBe(409);
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 2 });

    expect((await review(s.staff.token, over[1]!.id, { version: 1, decision: 'approve' })).status).toBe(200);
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 2 });
    expect(
      (await review(s.otherStaff.token, over[1]!.id, { version: 2, decision: 'reject', comment: '不对' }))
        .status,
    ).toBe(403);
  });
});

describe('Handler: createHandout at a task or a station', () => {
  atShanghaiNoon();

  /** A task of the scene's volunteer at a site in the town, today, stored as the API stores one. */
  async function storedTask(scene: Scene, volunteerUserId: string) {
    const site = await storedWorksite(scene.campaign, scene.town, { siteName: '港城花园工地' });
    const id = `as_${randomUUID().replace(/-/g, '')}`;
    const stamp = new Date().toISOString();
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: assignmentToItem({
          id,
          campaignId: scene.campaign.id,
          campaignTitle: scene.campaign.title,
          worksiteSignupId: site.id,
          volunteerSignupId: scene.signup.id,
          volunteerName: scene.signup.name,
          volunteerUserId,
          orgPath: scene.town,
          date: today(),
          slot: 'am',
          status: 'accepted',
          site: {
            siteName: site.siteName,
            address: site.address,
            orgName: site.orgName,
            contactName: site.contactName,
            contactPhoneMasked: '138****5678',
            outdoorWorkers: 40,
            requested: [],
          },
          history: [],
          version: 2,
          createdAt: stamp,
          updatedAt: stamp,
        }),
      }),
    );
    return id;
  }

  it('counts a hand-out at the volunteer’s own task at the task’s site; another’s task is not found', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const own = await storedTask(s, s.volunteer.userId);
    const input = body(s, code, { place: { type: 'assigned', assignmentId: own } });
    expect(await hand(s.volunteer.token, input)).toStrictEqual({
      status: 201,
      body: expectedHandout(s, input, {
        place: { type: 'assigned', assignmentId: own },
        placeName: '港城花园工地',
      }),
    });
    const someoneElses = await storedTask(s, s.stranger.userId);
    const other = await hand(
      s.volunteer.token,
      body(s, code, { place: { type: 'assigned', assignmentId: someoneElses } }),
    );
    expect(other).toStrictEqual({
      status: 404,
      body: { error: { code: 'ASSIGNMENT_NOT_FOUND', message: '未找到该任务' } },
    });
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 1 });
  });

  it('counts a hand-out by station staff at the station; a station outside the campaign is refused', async () => {
    const s = await handoutScene();
    const code = await workerCode(s);
    const station = await storedStation({ orgPath: s.county, name: '港城环卫驿站' });
    const input = body(s, code, { place: { type: 'station', stationId: station.id } });
    expect(await hand(s.staff.token, input)).toStrictEqual({
      status: 201,
      body: expectedHandout(s, input, {
        place: { type: 'station', stationId: station.id },
        placeName: '港城环卫驿站',
        orgPath: s.county,
        recorderName: '测试用户',
      }),
    });
    const elsewhere = await storedStation({ orgPath: '320000/320500/320571', name: '园区驿站' });
    const refused = await hand(
      s.staff.token,
      body(s, code, { place: { type: 'station', stationId: elsewhere.id } }),
    );
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    expect(await countedAt(s.campaign.id, s.county)).toMatchObject({ handouts: 1 });
  });
});
