import { randomUUID } from 'node:crypto';
import { type Assignment, workerGroups } from '@ankang/shared';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { keys } from '../../functions/src/db/keys';
import { worksiteSignupToItem } from '../../functions/src/db/signupItems';
import { worksiteSignupRecordSchema } from '../../functions/src/db/signupRecords';
import { day } from '../support/shanghaiDay';
import { testTableName } from '../support/stack';
import { type Answer, expectRefused, loginAsDemo, loginWithCode, messagesTo, request } from './http';
import { table } from './table';

/**
 * Attacks on the outreach routes (sign-ups, reviews, phone reveals, assignments, answers,
 * subscriptions) over real HTTP: no token, wrong role, staff beside / above / below, worst-case
 * and hostile input, forged ids and cursors, the same write sent five times at once, illegal
 * moves. Every refusal is a declared 4xx (request() checks the code against the contract) with a
 * Chinese message, and leaves nothing behind.
 */

const DEMO = 'cp_demo0zjgthis';
const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;

type Signup = {
  id: string;
  status: string;
  version: number;
  contactPhoneMasked?: string;
  phoneMasked?: string;
};
type Listing = { signups: Signup[]; nextCursor: string | null };

const answerOf = ({ status, body }: Answer): Answer => ({ status, body });

async function auditEventsOf(subjectId: string) {
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: testTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${subjectId}` },
    }),
  );
  return Items;
}

async function person() {
  const code = `ok-${randomUUID()}`;
  const { token, me } = await loginWithCode(code);
  return { token, userId: me.id, openid: `openid-${code}` };
}

function worksite(overrides: object = {}) {
  return {
    campaignId: DEMO,
    siteName: '攻击测试保洁点',
    orgPath: DAXIN,
    address: '张家港市大新镇大新中路 30 号',
    location: { lat: 31.97, lng: 120.51 },
    outdoorWorkers: 12,
    highTempWorkers: 4,
    workerGroups: ['sanitation'],
    requested: [{ kind: 'cool', items: ['water'] }],
    preferredDates: [day(2)],
    contactName: '蒋师傅',
    contactPhone: '13962310001',
    ...overrides,
  };
}

function volunteer(overrides: object = {}) {
  return {
    campaignId: DEMO,
    name: '攻击测试志愿者',
    districts: [DAXIN],
    availability: [
      { date: day(20), slot: 'am' },
      { date: day(20), slot: 'pm' },
    ],
    skills: ['driving'],
    phone: '13800002222',
    ...overrides,
  };
}

const submitSite = (token: string, signup: object, requestId = randomUUID()) =>
  request('POST', '/worksite-signups', { token, body: { requestId, signup } });
const submitVolunteer = (token: string, signup: object, requestId = randomUUID()) =>
  request('POST', '/volunteer-signups', { token, body: { requestId, signup } });
const mySites = async (token: string) =>
  ((await request('GET', '/me/worksite-signups', { token })).body as Listing).signups;
const myVolunteering = async (token: string) =>
  ((await request('GET', '/me/volunteer-signups', { token })).body as Listing).signups;

/** An open campaign of 张家港 with the largest catalog a campaign may have: 6 kinds × 50 items. */
async function fullCatalogCampaign(staff: string) {
  const kinds = Array.from({ length: 6 }, (_, k) => ({
    code: `kind${k}`,
    name: `类别${k}号`,
    items: Array.from({ length: 50 }, (_, i) => ({ code: `item${k}-${i}`, name: `物资${i}`, unit: '份' })),
  }));
  const created = await request('POST', '/staff/campaigns', {
    token: staff,
    body: {
      requestId: randomUUID(),
      orgPath: ZJG,
      title: '攻击测试满额目录活动',
      season: { from: day(-5), to: day(60) },
      signup: { from: day(-5), to: day(30) },
      kinds,
      targetGroups: ['sanitation'],
    },
  });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  const opened = await request('POST', `/staff/campaigns/${id}/status`, {
    token: staff,
    body: { version: 1, status: 'open' },
  });
  expect(opened.status).toBe(200);
  return { id, kinds };
}

describe('API attack: who may call the outreach routes', () => {
  const ws = `ws_${'a'.repeat(20)}`;
  const vs = `vs_${'a'.repeat(20)}`;
  const as = `as_${'a'.repeat(32)}`;
  const staffRoutes: [string, string, object?][] = [
    ['GET', `/staff/campaigns/${DEMO}/worksite-signups`],
    ['GET', `/staff/campaigns/${DEMO}/volunteer-signups`],
    ['POST', `/staff/worksite-signups/${ws}/review`, { decision: 'approve', version: 1 }],
    ['POST', `/staff/volunteer-signups/${vs}/review`, { decision: 'approve', version: 1 }],
    ['POST', `/staff/signups/${ws}/phone`, { reason: '核实联系方式' }],
    [
      'POST',
      '/staff/assignments',
      { worksiteSignupId: ws, volunteerSignupId: vs, date: day(20), slot: 'am' },
    ],
    ['POST', `/staff/assignments/${as}/reassign`, { version: 1, volunteerSignupId: vs }],
    ['POST', `/staff/assignments/${as}/cancel`, { version: 1, reason: '工地停工' }],
    ['GET', `/staff/campaigns/${DEMO}/assignments?date=${day(20)}`],
  ];
  const signedInRoutes: [string, string, object?][] = [
    ['POST', '/worksite-signups', { requestId: randomUUID(), signup: worksite() }],
    ['GET', '/me/worksite-signups'],
    ['POST', '/volunteer-signups', { requestId: randomUUID(), signup: volunteer() }],
    ['GET', '/me/volunteer-signups'],
    ['GET', '/me/assignments'],
    ['POST', `/assignments/${as}/response`, { version: 1, response: { decision: 'accept' } }],
    ['GET', '/me/subscriptions'],
    [
      'POST',
      '/me/subscriptions',
      { requestId: randomUUID(), results: [{ topic: 'assignment', result: 'accept' }] },
    ],
  ];

  it('answers 401 to no token and to a forged one, and 403 to workers and volunteers on staff routes', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1X2FkbWluIn0.c2lnbmF0dXJl';
    for (const [method, path, body] of [...staffRoutes, ...signedInRoutes]) {
      expectRefused(await request(method, path, { body }), 401, 'UNAUTHENTICATED');
      expectRefused(await request(method, path, { body, token: forged }), 401, 'UNAUTHENTICATED');
    }
    const worker = await person();
    const volunteerToken = await loginAsDemo('赵磊');
    for (const [method, path, body] of staffRoutes) {
      expectRefused(await request(method, path, { body, token: worker.token }), 403, 'FORBIDDEN');
      expectRefused(await request(method, path, { body, token: volunteerToken }), 403, 'FORBIDDEN');
    }
    // Nothing the refused submits carried was stored.
    expect(await mySites(worker.token)).toStrictEqual([]);
    expect(await myVolunteering(worker.token)).toStrictEqual([]);
  });

  it('keeps staff beside the campaign out, staff below out of the county’s own sites, and stores nothing', async () => {
    const applicant = await person();
    const townSite = (await submitSite(applicant.token, worksite())).body as Signup;
    const countySite = (
      await submitSite(applicant.token, worksite({ orgPath: ZJG, location: { lat: 31.87, lng: 120.55 } }))
    ).body as Signup;
    const offer = (await submitVolunteer(applicant.token, volunteer())).body as Signup;
    expect([townSite.status, countySite.status, offer.status]).toStrictEqual([
      'pending',
      'pending',
      'pending',
    ]);

    const beside = await loginAsDemo('沈佳怡');
    const below = await loginAsDemo('顾晓东');
    const above = await loginAsDemo('陈刚');
    const review = (kind: string, id: string, token: string) =>
      request('POST', `/staff/${kind}-signups/${id}/review`, {
        token,
        body: { decision: 'decline', version: 1, reason: '越权测试' },
      });
    const reveal = (id: string, token: string) =>
      request('POST', `/staff/signups/${id}/phone`, { token, body: { reason: '越权查看' } });

    for (const path of [
      `/staff/campaigns/${DEMO}/worksite-signups`,
      `/staff/campaigns/${DEMO}/worksite-signups?org=320000/320500/320571`,
      `/staff/campaigns/${DEMO}/volunteer-signups`,
      `/staff/campaigns/${DEMO}/assignments?date=${day(20)}`,
    ]) {
      expectRefused(await request('GET', path, { token: beside }), 403, 'OUT_OF_SCOPE');
    }
    expectRefused(await review('worksite', townSite.id, beside), 403, 'OUT_OF_SCOPE');
    expectRefused(await review('volunteer', offer.id, beside), 403, 'OUT_OF_SCOPE');
    expectRefused(await reveal(townSite.id, beside), 403, 'OUT_OF_SCOPE');
    expectRefused(await reveal(offer.id, beside), 403, 'OUT_OF_SCOPE');
    // A town's staff may not act on a site of the county itself, nor widen their queue to it.
    expectRefused(await review('worksite', countySite.id, below), 403, 'OUT_OF_SCOPE');
    expectRefused(await reveal(countySite.id, below), 403, 'OUT_OF_SCOPE');
    expectRefused(
      await request('GET', `/staff/campaigns/${DEMO}/worksite-signups?org=${ZJG}`, { token: below }),
      403,
      'OUT_OF_SCOPE',
    );
    const townQueue = await request('GET', `/staff/campaigns/${DEMO}/worksite-signups`, { token: below });
    const townIds = (townQueue.body as Listing).signups.map((s) => s.id);
    expect(townIds).toContain(townSite.id);
    expect(townIds).not.toContain(countySite.id);
    // Staff above the campaign see all of it.
    const cityQueue = await request('GET', `/staff/campaigns/${DEMO}/worksite-signups`, { token: above });
    expect((cityQueue.body as Listing).signups.map((s) => s.id)).toEqual(
      expect.arrayContaining([townSite.id, countySite.id]),
    );

    expect((await mySites(applicant.token)).map((s) => [s.status, s.version])).toStrictEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect((await myVolunteering(applicant.token)).map((s) => [s.status, s.version])).toStrictEqual([
      ['pending', 1],
    ]);
    for (const id of [townSite.id, countySite.id, offer.id])
      expect(await auditEventsOf(id)).toStrictEqual([]);
  });
});

describe('API attack: worst-case and hostile input', () => {
  it('takes the largest sign-ups the schemas allow, and refuses one past each bound naming the field', async () => {
    const staff = await loginAsDemo('李敏');
    const campaign = await fullCatalogCampaign(staff);
    const applicant = await person();
    const allItems = campaign.kinds.map((kind) => ({
      kind: kind.code,
      items: kind.items.map((i) => i.code),
    }));
    const dates = Array.from({ length: 14 }, (_, n) => day(n + 1));
    const largest = worksite({
      campaignId: campaign.id,
      // 40 characters, two of them outside the BMP (one code point each, two UTF-16 units).
      siteName: `𠀀${'工'.repeat(38)}𠀁`,
      address: `张家港市${'路'.repeat(116)}`,
      workerGroups: workerGroups.slice(0, 8),
      requested: allItems,
      preferredDates: [...dates].reverse(),
      note: `第一行\n${'备'.repeat(196)}`,
    });
    const big = await submitSite(applicant.token, largest);
    expect(big.status).toBe(201);
    expect(big.body).toMatchObject({ requested: allItems, preferredDates: dates, status: 'pending' });

    const path = (answer: Answer) =>
      (answer.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map(
        (issue) => issue.path,
      );
    const tooMuch: [string, object, string][] = [
      ['15 dates', { preferredDates: [...dates, day(15)] }, 'body.signup.preferredDates'],
      ['a repeated date', { preferredDates: [day(1), day(1)] }, 'body.signup.preferredDates.1'],
      [
        '51 items',
        { requested: [{ kind: 'kind0', items: [...allItems[0]!.items, 'item1-0'] }] },
        'body.signup.requested.0.items',
      ],
      ['7 kinds', { requested: [...allItems, allItems[0]] }, 'body.signup.requested'],
      ['41 characters', { siteName: `𠀀${'工'.repeat(39)}𠀁` }, 'body.signup.siteName'],
      ['a right-to-left override', { siteName: '保洁点\u202E号1' }, 'body.signup.siteName'],
      ['nothing visible', { contactName: '\u200B\u200B\u200B' }, 'body.signup.contactName'],
      // Past the note's limit, within the 64 KB body cap (a larger body is 413 before the schema).
      ['a note of 10,000 characters', { note: '备'.repeat(10_000) }, 'body.signup.note'],
      ['a lone surrogate', { address: '张家港市大新镇\uD800路' }, 'body.signup.address'],
      ['both phone and reuse', { reusePhoneFrom: `ws_${'b'.repeat(20)}` }, 'body.signup.contactPhone'],
      ['a service number', { contactPhone: '95588' }, 'body.signup.contactPhone'],
      ['more high-temperature workers', { highTempWorkers: 13 }, 'body.signup.highTempWorkers'],
    ];
    for (const [, overrides, field] of tooMuch) {
      const answer = await submitSite(applicant.token, { ...largest, ...overrides });
      expectRefused(answer, 400, 'VALIDATION_FAILED');
      expect(path(answer)).toStrictEqual([field]);
    }
    // Items the catalog lacks, as many as the schema lets through: every one named, none stored.
    const bogus = campaign.kinds.map((kind) => ({
      kind: kind.code,
      items: Array.from({ length: 50 }, (_, i) => `nope-${i}`),
    }));
    const unknown = await submitSite(applicant.token, { ...largest, requested: bogus });
    expectRefused(unknown, 400, 'VALIDATION_FAILED');
    expect(path(unknown)).toHaveLength(300);
    expect(path(unknown)[299]).toBe('body.signup.requested.5.items.49');

    // Fields a client may not set are dropped: the stored sign-up is pending at version 1.
    const sneaky = await submitSite(applicant.token, {
      ...worksite(),
      id: `ws_${'c'.repeat(20)}`,
      status: 'approved',
      version: 9,
      applicantUserId: 'u_someoneelse',
      review: { by: '李敏', at: new Date().toISOString() },
    });
    expect(sneaky).toMatchObject({ status: 201, body: { status: 'pending', version: 1 } });
    expect((sneaky.body as Signup).id).not.toBe(`ws_${'c'.repeat(20)}`);
    expect(sneaky.body).not.toHaveProperty('review');

    expect((await mySites(applicant.token)).map((s) => s.id).sort()).toStrictEqual(
      [(big.body as Signup).id, (sneaky.body as Signup).id].sort(),
    );
  });

  it('takes 120 half days from a volunteer and refuses 121, a repeat, or 11 districts', async () => {
    const slots = Array.from({ length: 60 }, (_, n) => day(n - 4)).flatMap((date) => [
      { date, slot: 'pm' },
      { date, slot: 'am' },
    ]);
    const refusedCases: [object, string][] = [
      [{ availability: [...slots, { date: day(56), slot: 'am' }] }, 'body.signup.availability'],
      [{ availability: [slots[0], slots[0]] }, 'body.signup.availability.1'],
      [{ districts: Array.from({ length: 11 }, () => DAXIN) }, 'body.signup.districts'],
      [{ availability: [{ date: day(20), slot: 'night' }] }, 'body.signup.availability.0.slot'],
      [{ name: '志愿者\u2066甲' }, 'body.signup.name'],
    ];
    const applicant = await person();
    for (const [overrides, field] of refusedCases) {
      const answer = await submitVolunteer(applicant.token, volunteer({ ...overrides }));
      expectRefused(answer, 400, 'VALIDATION_FAILED');
      expect(
        (answer.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map(
          (issue) => issue.path,
        ),
      ).toContain(field);
    }
    expect(await myVolunteering(applicant.token)).toStrictEqual([]);
    const most = await submitVolunteer(applicant.token, volunteer({ availability: slots }));
    expect(most.status).toBe(201);
    const stored = (most.body as { availability: { date: string; slot: string }[] }).availability;
    expect(stored).toHaveLength(120);
    expect(stored.slice(0, 2)).toStrictEqual([
      { date: day(-4), slot: 'am' },
      { date: day(-4), slot: 'pm' },
    ]);
  });
});

describe('API attack: forged ids and cursors', () => {
  it('never copies another applicant’s phone, and refuses ids of the wrong kind', async () => {
    const owner = await person();
    const thief = await person();
    const owned = (await submitSite(owner.token, worksite({ contactPhone: '13962310099' }))).body as Signup;
    const { contactPhone: _phone, ...noPhone } = worksite();
    const stolen = await submitSite(thief.token, { ...noPhone, reusePhoneFrom: owned.id });
    expectRefused(stolen, 404, 'SIGNUP_NOT_FOUND');
    expectRefused(
      await submitSite(thief.token, { ...noPhone, reusePhoneFrom: `ws_${'0'.repeat(32)}` }),
      404,
      'SIGNUP_NOT_FOUND',
    );
    expectRefused(
      await submitSite(thief.token, { ...noPhone, reusePhoneFrom: `vs_${'0'.repeat(32)}` }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await mySites(thief.token)).toStrictEqual([]);
    // The owner may reuse their own: the copy keeps the phone, still masked.
    const again = await submitSite(owner.token, { ...noPhone, reusePhoneFrom: owned.id });
    expect(again).toMatchObject({ status: 201, body: { contactPhoneMasked: '139****0099' } });

    const staff = await loginAsDemo('李敏');
    const wrongKind: [string, string, object][] = [
      ['POST', `/staff/worksite-signups/vs_${'1'.repeat(20)}/review`, { decision: 'approve', version: 1 }],
      ['POST', `/staff/volunteer-signups/${owned.id}/review`, { decision: 'approve', version: 1 }],
      ['POST', `/staff/signups/as_${'1'.repeat(32)}/phone`, { reason: '核实联系方式' }],
      ['POST', `/staff/signups/${owned.id.toUpperCase()}/phone`, { reason: '核实联系方式' }],
      ['POST', `/staff/assignments/${owned.id}/cancel`, { version: 1, reason: '工地停工' }],
      [
        'POST',
        '/staff/assignments',
        { worksiteSignupId: `vs_${'1'.repeat(20)}`, volunteerSignupId: owned.id, date: day(20), slot: 'am' },
      ],
      ['POST', `/assignments/${owned.id}/response`, { version: 1, response: { decision: 'accept' } }],
    ];
    for (const [method, path, body] of wrongKind) {
      expectRefused(await request(method, path, { token: staff, body }), 400, 'VALIDATION_FAILED');
    }
    expect(await auditEventsOf(owned.id)).toStrictEqual([]);
    expect((await mySites(owner.token)).map((s) => s.status)).toStrictEqual(['pending', 'pending']);
  });

  it('opens a queue’s next page only with the cursor it handed out for that same query', async () => {
    const staff = await loginAsDemo('李敏');
    const campaign = await fullCatalogCampaign(staff);
    // 21 pending sign-ups in 大新镇 (a page is 20), stored as the sign-up route stores them.
    const stamp = new Date().toISOString();
    for (let n = 0; n < 21; n += 1) {
      const record = worksiteSignupRecordSchema.parse({
        ...worksite({ campaignId: campaign.id, contactPhone: undefined, location: undefined }),
        id: `ws_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        orgName: '张家港市 › 大新镇',
        workerGroups: ['sanitation'],
        requested: [{ kind: 'kind0', items: ['item0-0'] }],
        status: 'pending',
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
        applicantUserId: 'u_attack_applicant',
        contactPhone: '13962310002',
        requestId: randomUUID(),
      });
      await table.send(new PutCommand({ TableName: testTableName, Item: worksiteSignupToItem(record) }));
    }
    const queue = `/staff/campaigns/${campaign.id}/worksite-signups`;
    const first = await request('GET', queue, { token: staff });
    const cursor = (first.body as Listing).nextCursor;
    expect((first.body as Listing).signups).toHaveLength(20);
    expect(cursor).toEqual(expect.any(String));
    const [payload, signature] = (cursor as string).split('.');
    const forged: [string, string, string][] = [
      ['garbage', queue, 'not-a-cursor'],
      ['unsigned payload', queue, payload!],
      ['payload with another signature', queue, `${payload}.${'A'.repeat(signature!.length)}`],
      ['three parts', queue, `${cursor}.x`],
      ['another status', `${queue}?status=approved`, cursor!],
      ['a narrower district', `${queue}?org=${DAXIN}`, cursor!],
      ['another campaign', `/staff/campaigns/${DEMO}/worksite-signups`, cursor!],
      ['the volunteer queue', `/staff/campaigns/${campaign.id}/volunteer-signups`, cursor!],
      ['the assignment board', `/staff/campaigns/${campaign.id}/assignments?date=${day(3)}`, cursor!],
    ];
    for (const [, path, given] of forged) {
      const glue = path.includes('?') ? '&' : '?';
      expectRefused(
        await request('GET', `${path}${glue}cursor=${encodeURIComponent(given)}`, { token: staff }),
        400,
        'BAD_CURSOR',
      );
    }
    // The town's staff cannot follow the county's cursor either (their queue starts at the town).
    expectRefused(
      await request('GET', `${queue}?cursor=${encodeURIComponent(cursor!)}`, {
        token: await loginAsDemo('顾晓东'),
      }),
      400,
      'BAD_CURSOR',
    );
    const second = await request('GET', `${queue}?cursor=${encodeURIComponent(cursor!)}`, { token: staff });
    expect(second.status).toBe(200);
    expect((second.body as Listing).signups).toHaveLength(1);
    expect((second.body as Listing).nextCursor).toBeNull();
  });
});

describe('API attack: the same write five times at once', () => {
  it('stores one sign-up, one review, one task, one consent and one message however often they race', async () => {
    const staff = await loginAsDemo('李敏');
    const applicant = await person();
    const five = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: 5 }, make));
    const same = (answers: Answer[]) => {
      const first = answerOf(answers[0]!);
      for (const answer of answers) expect(answerOf(answer)).toStrictEqual(first);
      return first;
    };

    const requestId = randomUUID();
    const site = same(await five(() => submitSite(applicant.token, worksite(), requestId)));
    expect(site.status).toBe(201);
    expect((await mySites(applicant.token)).map((s) => s.id)).toStrictEqual([(site.body as Signup).id]);

    const [first, second] = [await person(), await person()];
    const offers = await five(() => submitVolunteer(first.token, volunteer({ name: '并发志愿者甲' })));
    expect(offers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const refused of offers.filter((a) => a.status !== 201))
      expectRefused(refused, 409, 'ALREADY_SIGNED_UP');
    const firstOffer = offers.find((a) => a.status === 201)!.body as Signup;
    const secondOffer = (await submitVolunteer(second.token, volunteer({ name: '并发志愿者乙' })))
      .body as Signup;

    const approve = { decision: 'approve', version: 1 };
    const siteId = (site.body as Signup).id;
    const approvedSite = same(
      await five(() =>
        request('POST', `/staff/worksite-signups/${siteId}/review`, { token: staff, body: approve }),
      ),
    );
    expect(approvedSite).toMatchObject({ status: 200, body: { status: 'approved', version: 2 } });
    for (const offer of [firstOffer, secondOffer]) {
      const approved = same(
        await five(() =>
          request('POST', `/staff/volunteer-signups/${offer.id}/review`, { token: staff, body: approve }),
        ),
      );
      expect(approved).toMatchObject({ status: 200, body: { status: 'approved', version: 2 } });
    }

    const consentId = randomUUID();
    const consents = same(
      await five(() =>
        request('POST', '/me/subscriptions', {
          token: first.token,
          body: {
            requestId: consentId,
            results: [
              { topic: 'assignment', result: 'accept' },
              { topic: 'assignment', result: 'accept' },
            ],
          },
        }),
      ),
    );
    expect(consents).toMatchObject({
      status: 200,
      body: {
        subscriptions: [
          { topic: 'assignment', remaining: 1 },
          { topic: 'reminder', remaining: 0 },
          { topic: 'alertAssigned', remaining: 0 },
          { topic: 'alertDue', remaining: 0 },
          { topic: 'suggestionOutcome', remaining: 0 },
        ],
      },
    });

    const input = { worksiteSignupId: siteId, volunteerSignupId: firstOffer.id, date: day(20), slot: 'am' };
    const task = same(await five(() => request('POST', '/staff/assignments', { token: staff, body: input })));
    expect(task).toMatchObject({ status: 201, body: { status: 'assigned', version: 1 } });
    const taskId = (task.body as Assignment).id;
    expect(await messagesTo(first.openid)).toHaveLength(1);
    const left = await request('GET', '/me/subscriptions', { token: first.token });
    expect(left.body).toMatchObject({
      subscriptions: [{ topic: 'assignment', remaining: 0 }, {}, {}, {}, {}],
    });

    const accepted = same(
      await five(() =>
        request('POST', `/assignments/${taskId}/response`, {
          token: first.token,
          body: { version: 1, response: { decision: 'accept' } },
        }),
      ),
    );
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted', version: 2 } });

    const handed = same(
      await five(() =>
        request('POST', `/staff/assignments/${taskId}/reassign`, {
          token: staff,
          body: { version: 2, volunteerSignupId: secondOffer.id },
        }),
      ),
    );
    expect(handed).toMatchObject({
      status: 200,
      body: {
        status: 'assigned',
        version: 3,
        history: [{ volunteerSignupId: firstOffer.id, status: 'accepted' }],
      },
    });

    const cancelled = same(
      await five(() =>
        request('POST', `/staff/assignments/${taskId}/cancel`, {
          token: staff,
          body: { version: 3, reason: '工地临时停工' },
        }),
      ),
    );
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', version: 4 } });
    // Both volunteers' half days are free again.
    for (const offer of [firstOffer, secondOffer]) {
      const { Item } = await table.send(
        new GetCommand({ TableName: testTableName, Key: keys.volunteerSlot(offer.id, day(20), 'am') }),
      );
      expect(Item).toBeUndefined();
    }
  });
});

/** A fresh approved worksite of the demo campaign in 大新镇, submitted and approved over HTTP. */
async function approvedSiteOverHttp(staff: string): Promise<string> {
  const applicant = await person();
  const site = (await submitSite(applicant.token, worksite())).body as Signup;
  const approved = await request('POST', `/staff/worksite-signups/${site.id}/review`, {
    token: staff,
    body: { decision: 'approve', version: 1 },
  });
  expect(approved.status).toBe(200);
  return site.id;
}

/** A fresh person with an approved volunteer sign-up (free on day 20, both half days). */
async function approvedVolunteerOverHttp(staff: string, name: string, overrides: object = {}) {
  const someone = await person();
  const offer = (await submitVolunteer(someone.token, volunteer({ name, ...overrides }))).body as Signup;
  const approved = await request('POST', `/staff/volunteer-signups/${offer.id}/review`, {
    token: staff,
    body: { decision: 'approve', version: 1 },
  });
  expect(approved.status).toBe(200);
  return { ...someone, signupId: offer.id };
}

describe('API attack: illegal moves, stale versions and consent', () => {
  it('refuses every move the state machines forbid, and each refusal leaves the task as it was', async () => {
    const staff = await loginAsDemo('李敏');
    const siteId = await approvedSiteOverHttp(staff);
    const otherSiteId = await approvedSiteOverHttp(staff);
    const holder = await approvedVolunteerOverHttp(staff, '状态测试甲');
    const stranger = await approvedVolunteerOverHttp(staff, '状态测试乙');
    const amOnly = await approvedVolunteerOverHttp(staff, '状态测试丙', {
      availability: [{ date: day(20), slot: 'am' }],
    });
    const someone = await person();
    const pendingOffer = (await submitVolunteer(someone.token, volunteer({ name: '待审志愿者' })))
      .body as Signup;
    const elsewhere = await fullCatalogCampaign(staff);
    const otherCampaign = await person();
    const foreign = (
      await submitVolunteer(otherCampaign.token, volunteer({ campaignId: elsewhere.id, name: '别的活动' }))
    ).body as Signup;
    expect(
      (
        await request('POST', `/staff/volunteer-signups/${foreign.id}/review`, {
          token: staff,
          body: { decision: 'approve', version: 1 },
        })
      ).status,
    ).toBe(200);

    const created = await request('POST', '/staff/assignments', {
      token: staff,
      body: { worksiteSignupId: siteId, volunteerSignupId: holder.signupId, date: day(20), slot: 'pm' },
    });
    expect(created.status).toBe(201);
    const task = created.body as Assignment;
    const path = `/staff/assignments/${task.id}`;
    const respond = (token: string, body: object) =>
      request('POST', `/assignments/${task.id}/response`, { token, body });
    const reassign = (body: object) => request('POST', `${path}/reassign`, { token: staff, body });
    const board = async () => {
      const answer = await request('GET', `/staff/campaigns/${DEMO}/assignments?date=${day(20)}`, {
        token: staff,
      });
      return (answer.body as { assignments: Assignment[] }).assignments.find((t) => t.id === task.id);
    };

    // Creating over a live task, or sending a busy volunteer to a second site in the same half day.
    expectRefused(
      await request('POST', '/staff/assignments', {
        token: staff,
        body: { worksiteSignupId: siteId, volunteerSignupId: stranger.signupId, date: day(20), slot: 'pm' },
      }),
      409,
      'ALREADY_ASSIGNED',
    );
    expectRefused(
      await request('POST', '/staff/assignments', {
        token: staff,
        body: {
          worksiteSignupId: otherSiteId,
          volunteerSignupId: holder.signupId,
          date: day(20),
          slot: 'pm',
        },
      }),
      422,
      'VOLUNTEER_UNAVAILABLE',
    );
    // Somebody else's task, a stale version, a handover to the holder, to someone unfit.
    expectRefused(
      await respond(stranger.token, { version: 1, response: { decision: 'accept' } }),
      404,
      'ASSIGNMENT_NOT_FOUND',
    );
    expectRefused(
      await respond(staff, { version: 1, response: { decision: 'accept' } }),
      404,
      'ASSIGNMENT_NOT_FOUND',
    );
    expectRefused(
      await respond(holder.token, { version: 0, response: { decision: 'accept' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await respond(holder.token, { version: 1, response: { decision: 'decline' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await respond(holder.token, { version: 7, response: { decision: 'accept' } }),
      409,
      'VERSION_CONFLICT',
    );
    expectRefused(
      await reassign({ version: 1, volunteerSignupId: holder.signupId }),
      409,
      'INVALID_TRANSITION',
    );
    expectRefused(await reassign({ version: 1, volunteerSignupId: pendingOffer.id }), 409, 'NOT_APPROVED');
    expectRefused(
      await reassign({ version: 1, volunteerSignupId: amOnly.signupId }),
      422,
      'VOLUNTEER_UNAVAILABLE',
    );
    expectRefused(await reassign({ version: 1, volunteerSignupId: foreign.id }), 400, 'VALIDATION_FAILED');
    expectRefused(
      await reassign({ version: 2, volunteerSignupId: stranger.signupId }),
      409,
      'VERSION_CONFLICT',
    );
    expect(await board()).toStrictEqual(task);

    // Accepted: no going back to a decline; the stale accept is answered as done.
    const accepted = await respond(holder.token, { version: 1, response: { decision: 'accept' } });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted', version: 2 } });
    expectRefused(
      await respond(holder.token, { version: 2, response: { decision: 'decline', reason: '临时有事' } }),
      409,
      'INVALID_TRANSITION',
    );
    expect(
      (await respond(holder.token, { version: 1, response: { decision: 'accept' } })).body,
    ).toStrictEqual(accepted.body);

    // Cancelled is final: no answer, no handover, no second cancel.
    const cancelled = await request('POST', `${path}/cancel`, {
      token: staff,
      body: { version: 2, reason: '工地停工' },
    });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', version: 3 } });
    expectRefused(
      await respond(holder.token, { version: 3, response: { decision: 'accept' } }),
      409,
      'INVALID_TRANSITION',
    );
    expectRefused(
      await reassign({ version: 3, volunteerSignupId: stranger.signupId }),
      409,
      'INVALID_TRANSITION',
    );
    expectRefused(
      await request('POST', `${path}/cancel`, { token: staff, body: { version: 3, reason: '再次取消' } }),
      409,
      'INVALID_TRANSITION',
    );
    expect(await board()).toStrictEqual(cancelled.body);
    // The cancelled holder's half day is free: another site may have them.
    expect(
      (
        await request('POST', '/staff/assignments', {
          token: staff,
          body: {
            worksiteSignupId: otherSiteId,
            volunteerSignupId: holder.signupId,
            date: day(20),
            slot: 'pm',
          },
        })
      ).status,
    ).toBe(201);
  });

  it('moves a volunteer sign-up only as the review rules allow', async () => {
    const staff = await loginAsDemo('李敏');
    const someone = await person();
    const offer = (await submitVolunteer(someone.token, volunteer({ name: '审核测试' }))).body as Signup;
    const review = (body: object) =>
      request('POST', `/staff/volunteer-signups/${offer.id}/review`, { token: staff, body });
    expectRefused(await review({ decision: 'decline', version: 1 }), 400, 'VALIDATION_FAILED');
    expectRefused(await review({ decision: 'decline', version: 1, reason: '否' }), 400, 'VALIDATION_FAILED');
    expectRefused(await review({ decision: 'maybe', version: 1 }), 400, 'VALIDATION_FAILED');
    expectRefused(await review({ decision: 'approve', version: 2 }), 409, 'VERSION_CONFLICT');
    const declined = await review({ decision: 'decline', version: 1, reason: '名额已满' });
    expect(declined).toMatchObject({ status: 200, body: { status: 'declined', version: 2 } });
    expectRefused(
      await review({ decision: 'decline', version: 2, reason: '再次不通过' }),
      409,
      'INVALID_TRANSITION',
    );
    expectRefused(await review({ decision: 'approve', version: 1 }), 409, 'VERSION_CONFLICT');
    expect((await request('GET', '/me', { token: someone.token })).body).toMatchObject({ roles: ['worker'] });
    const approved = await review({ decision: 'approve', version: 2 });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', version: 3 } });
    expectRefused(
      await review({ decision: 'decline', version: 3, reason: '撤销通过' }),
      409,
      'INVALID_TRANSITION',
    );
    expect((await myVolunteering(someone.token)).map((s) => [s.status, s.version])).toStrictEqual([
      ['approved', 3],
    ]);
  });

  it('sends nothing to a volunteer without consent, and never spends a consent given later on that event', async () => {
    const staff = await loginAsDemo('李敏');
    const siteId = await approvedSiteOverHttp(staff);
    const quiet = await approvedVolunteerOverHttp(staff, '未订阅志愿者');
    const input = { worksiteSignupId: siteId, volunteerSignupId: quiet.signupId, date: day(20), slot: 'am' };
    expect((await request('POST', '/staff/assignments', { token: staff, body: input })).status).toBe(201);
    const seen = async () =>
      (await (await fetch(`${inject('apiWechatBase')}/__fake/messages?touser=${quiet.openid}`)).json()) as {
        messages: unknown[];
        attempts: number;
      };
    expect(await seen()).toStrictEqual({ messages: [], attempts: 0 });

    const rejected = await request('POST', '/me/subscriptions', {
      token: quiet.token,
      body: { requestId: randomUUID(), results: [{ topic: 'assignment', result: 'reject' }] },
    });
    expect(rejected.body).toMatchObject({
      subscriptions: [
        { remaining: 0 },
        { remaining: 0 },
        { remaining: 0 },
        { remaining: 0 },
        { remaining: 0 },
      ],
    });
    expectRefused(
      await request('POST', '/me/subscriptions', {
        token: quiet.token,
        body: { requestId: randomUUID(), results: [{ topic: 'promotion', result: 'accept' }] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('POST', '/me/subscriptions', {
        token: quiet.token,
        body: { requestId: 'short', results: [{ topic: 'assignment', result: 'accept' }] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    // Twelve dialogs accepted: the count stops at ten.
    for (let n = 0; n < 12; n += 1) {
      await request('POST', '/me/subscriptions', {
        token: quiet.token,
        body: { requestId: randomUUID(), results: [{ topic: 'assignment', result: 'accept' }] },
      });
    }
    // The same task sent again: its event was decided (no consent then), so nothing goes out now.
    expect((await request('POST', '/staff/assignments', { token: staff, body: input })).status).toBe(201);
    expect(await seen()).toStrictEqual({ messages: [], attempts: 0 });
    expect((await request('GET', '/me/subscriptions', { token: quiet.token })).body).toMatchObject({
      subscriptions: [
        { topic: 'assignment', remaining: 10 },
        { topic: 'reminder', remaining: 0 },
        { topic: 'alertAssigned', remaining: 0 },
        { topic: 'alertDue', remaining: 0 },
        { topic: 'suggestionOutcome', remaining: 0 },
      ],
    });
  });
});
