import { randomUUID } from 'node:crypto';
import type { Delivery, DeliveryDashboard } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { dashboardFigures, recount, recountFigures } from '../support/deliveryRecount';
import { day } from '../support/shanghaiDay';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';

/**
 * The delivery routes over real HTTP to serverless-offline: no token, wrong role, staff beside /
 * below / above the campaign, forged ids and cursors, worst-case and malformed input, the same
 * record retried and raced. Every refusal is a declared 4xx with a Chinese message
 * (request() checks the code against the contract) and stores nothing.
 */

const DEMO = 'cp_demo0zjgthis';
const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const SIP = '320000/320500/320571';

type Page = { deliveries: Delivery[]; nextCursor: string | null };

/** A time earlier today (or `days` before), with the Shanghai offset; never in the future. */
function at(days: number, minutesAgo = 30): string {
  if (days === 0) return new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return `${day(days)}T10:00:00+08:00`;
}

const newId = () => `dl_${randomUUID().replace(/-/g, '')}`;

/** An ad-hoc delivery in 大新镇 for the demo campaign (赵磊 serves all of 张家港). */
function adHoc(overrides: Record<string, unknown> = {}) {
  return {
    id: newId(),
    campaignId: DEMO,
    site: { type: 'adHoc', name: '大新镇临时保洁点', address: '大新镇大新中路 30 号', orgPath: DAXIN },
    kind: 'cool',
    items: [{ code: 'water', quantity: 2 }],
    peopleReached: 12,
    photoIds: [],
    position: { lat: 31.97, lng: 120.51, accuracy: 15 },
    deliveredAt: at(0),
    ...overrides,
  };
}

const post = (token: string | undefined, body: unknown) => request('POST', '/deliveries', { token, body });
const mine = async (token: string, campaignId = DEMO) =>
  (await request('GET', `/me/deliveries?campaignId=${campaignId}`, { token })).body as Page;

async function person() {
  const { token, me } = await loginWithCode(`ok-${randomUUID()}`);
  return { token, userId: me.id };
}

describe('API attack: who may call the delivery routes', () => {
  const dl = `dl_${'a'.repeat(32)}`;
  const staffRoutes: [string, string, object?][] = [
    ['GET', `/staff/campaigns/${DEMO}/deliveries`],
    ['GET', `/staff/campaigns/${DEMO}/dashboard`],
    ['POST', `/staff/deliveries/${dl}/review`, { version: 1, decision: 'approve' }],
  ];
  const signedInRoutes: [string, string, object?][] = [
    ['POST', '/deliveries', adHoc()],
    [
      'PUT',
      `/deliveries/${dl}`,
      { ...adHoc(), id: undefined, campaignId: undefined, site: undefined, version: 1 },
    ],
    ['GET', `/me/deliveries?campaignId=${DEMO}`],
  ];

  it('answers 401 to no token and a forged one, 403 to workers and volunteers on staff routes', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1X2FkbWluIn0.c2lnbmF0dXJl';
    for (const [method, path, body] of [...staffRoutes, ...signedInRoutes]) {
      expectRefused(await request(method, path, { body }), 401, 'UNAUTHENTICATED');
      expectRefused(await request(method, path, { body, token: forged }), 401, 'UNAUTHENTICATED');
    }
    const worker = await person();
    const volunteer = await loginAsDemo('赵磊');
    for (const [method, path, body] of staffRoutes) {
      expectRefused(await request(method, path, { body, token: worker.token }), 403, 'FORBIDDEN');
      expectRefused(await request(method, path, { body, token: volunteer }), 403, 'FORBIDDEN');
    }
  });

  it('refuses a signed-in person who is not an approved volunteer of the campaign, storing nothing', async () => {
    const worker = await person();
    const pending = await loginAsDemo('孙浩');
    for (const token of [worker.token, pending]) {
      const body = adHoc();
      expectRefused(await post(token, body), 403, 'NOT_CAMPAIGN_VOLUNTEER');
      expect((await mine(token)).deliveries.map((d) => d.id)).not.toContain(body.id);
    }
  });

  it('keeps staff beside the campaign out, staff below within their town, and lets staff above see it all', async () => {
    const volunteer = await loginAsDemo('赵磊');
    const county = adHoc({
      site: { type: 'adHoc', name: '县城工地', address: '杨舍镇人民路 1 号', orgPath: ZJG },
    });
    expect((await post(volunteer, county)).status).toBe(201);
    const beside = await loginAsDemo('沈佳怡');
    const below = await loginAsDemo('顾晓东');
    const above = await loginAsDemo('陈刚');
    for (const path of [
      `/staff/campaigns/${DEMO}/deliveries`,
      `/staff/campaigns/${DEMO}/dashboard`,
      `/staff/campaigns/${DEMO}/deliveries?orgPath=${SIP}`,
    ]) {
      expectRefused(await request('GET', path, { token: beside }), 403, 'OUT_OF_SCOPE');
    }
    const decide = (token: string) =>
      request('POST', `/staff/deliveries/${county.id}/review`, {
        token,
        body: { version: 1, decision: 'reject', comment: '越权测试' },
      });
    expectRefused(await decide(beside), 403, 'OUT_OF_SCOPE');
    expectRefused(await decide(below), 403, 'OUT_OF_SCOPE');
    expectRefused(
      await request('GET', `/staff/campaigns/${DEMO}/dashboard?orgPath=${ZJG}`, { token: below }),
      403,
      'OUT_OF_SCOPE',
    );
    const town = (await request('GET', `/staff/campaigns/${DEMO}/dashboard`, { token: below }))
      .body as DeliveryDashboard;
    expect(town.orgPath).toBe(DAXIN);
    const city = (await request('GET', `/staff/campaigns/${DEMO}/dashboard`, { token: above }))
      .body as DeliveryDashboard;
    expect(city.orgPath).toBe(ZJG);
    // Nothing the refused reviews asked for happened.
    const stored = (await mine(volunteer)).deliveries.find((d) => d.id === county.id);
    expect([stored?.review.status, stored?.version]).toStrictEqual(['pending', 1]);
  });

  it('answers forged ids and cursors with 400/404 and never a 5xx', async () => {
    const staff = await loginAsDemo('李敏');
    const volunteer = await loginAsDemo('赵磊');
    for (const bad of ['dl_', 'dl_ABC', `dl_${'a'.repeat(41)}`, 'dl_%00aaaaaaaaaaaaaaaa']) {
      expectRefused(
        await request('POST', `/staff/deliveries/${bad}/review`, {
          token: staff,
          body: { version: 1, decision: 'approve' },
        }),
        400,
        'VALIDATION_FAILED',
      );
    }
    const unknown = `dl_${'0'.repeat(32)}`;
    expectRefused(
      await request('POST', `/staff/deliveries/${unknown}/review`, {
        token: staff,
        body: { version: 1, decision: 'approve' },
      }),
      404,
      'DELIVERY_NOT_FOUND',
    );
    const { id: _i, campaignId: _c, site: _s, ...fields } = adHoc();
    expectRefused(
      await request('PUT', `/deliveries/${unknown}`, { token: volunteer, body: { ...fields, version: 1 } }),
      404,
      'DELIVERY_NOT_FOUND',
    );
    expectRefused(
      await request('GET', `/staff/campaigns/cp_nosuchcampaign/deliveries`, { token: staff }),
      404,
      'CAMPAIGN_NOT_FOUND',
    );
    for (const cursor of ['abc', 'eyJ4IjoiMSJ9.c2ln', `${'A'.repeat(2000)}.x`]) {
      expectRefused(
        await request('GET', `/staff/campaigns/${DEMO}/deliveries?cursor=${cursor}`, { token: staff }),
        400,
        'BAD_CURSOR',
      );
    }
    // A real cursor of one listing does not open another (another status, another person's list).
    for (let n = 0; n < 21; n += 1) expect((await post(volunteer, adHoc())).status).toBe(201);
    const page = (await request('GET', `/staff/campaigns/${DEMO}/deliveries`, { token: staff })).body as Page;
    expect(page.nextCursor).not.toBeNull();
    expectRefused(
      await request('GET', `/staff/campaigns/${DEMO}/deliveries?status=approved&cursor=${page.nextCursor}`, {
        token: staff,
      }),
      400,
      'BAD_CURSOR',
    );
    expectRefused(
      await request('GET', `/me/deliveries?campaignId=${DEMO}&cursor=${page.nextCursor}`, {
        token: volunteer,
      }),
      400,
      'BAD_CURSOR',
    );
  });
});

describe('API attack: hostile and worst-case input', () => {
  it('refuses malformed and oversized records with 400 and stores none of them', async () => {
    const volunteer = await loginAsDemo('赵磊');
    const cases: Record<string, unknown>[] = [
      { notes: '注'.repeat(201) },
      { notes: '正常\u202E文字' },
      { items: Array.from({ length: 21 }, (_, i) => ({ code: `item${i}`, quantity: 1 })) },
      { items: [{ code: 'water', quantity: 1e9 }] },
      { items: [{ code: 'water', quantity: 1.5 }] },
      { items: [] },
      { peopleReached: -1 },
      { peopleReached: '12' },
      { position: { lat: 'x', lng: 120.5, accuracy: 5 } },
      { position: { lat: 31.9, lng: 120.5, accuracy: -1 } },
      { site: { type: 'station', stationId: 'st_x' } },
      { site: { type: 'adHoc', name: 'a', address: '', orgPath: DAXIN } },
      { site: { type: 'adHoc', name: '保洁点', address: '大新镇', orgPath: '../../etc' } },
      { deliveredAt: 'yesterday' },
      { photoIds: ['ph_../../secret'] },
      { campaignId: 'cp_../x' },
      { kind: 'COOL' },
    ];
    for (const change of cases) {
      const body = adHoc(change);
      const answer = await post(volunteer, body);
      expectRefused(answer, 400, 'VALIDATION_FAILED');
      expect((await mine(volunteer)).deliveries.map((d) => d.id)).not.toContain(body.id);
    }
    expectRefused(
      await request('POST', '/deliveries', { token: volunteer, rawBody: '{"id":' }),
      400,
      'MALFORMED_JSON',
    );
    const huge = adHoc({ notes: '注'.repeat(300_000) });
    const answer = await post(volunteer, huge);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });

  it('refuses records outside the catalog, the season, or the volunteer’s districts, storing nothing', async () => {
    const volunteer = await loginAsDemo('赵磊');
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ kind: 'legal' }, 422, 'NOT_IN_CATALOG'],
      [{ items: [{ code: 'checkup', quantity: 1 }] }, 422, 'NOT_IN_CATALOG'],
      [{ deliveredAt: new Date(Date.now() + 3_600_000).toISOString() }, 422, 'OUTSIDE_SEASON'],
      [{ deliveredAt: `${day(-31)}T12:00:00+08:00` }, 422, 'OUTSIDE_SEASON'],
      [
        { site: { type: 'adHoc', name: '园区工地', address: '苏州工业园区星湖街', orgPath: SIP } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { site: { type: 'adHoc', name: '不存在的镇', address: '某路 1 号', orgPath: `${ZJG}/nowhere` } },
        404,
        'ORG_NOT_FOUND',
      ],
      [{ site: { type: 'assigned', assignmentId: `as_${'b'.repeat(32)}` } }, 404, 'ASSIGNMENT_NOT_FOUND'],
      [{ campaignId: 'cp_nosuchcampaign' }, 404, 'CAMPAIGN_NOT_FOUND'],
    ];
    for (const [change, status, code] of refusals) {
      const body = adHoc(change);
      expectRefused(await post(volunteer, body), status, code);
      expect((await mine(volunteer)).deliveries.map((d) => d.id)).not.toContain(body.id);
    }
  });
});

describe('API: retries and races of one record', () => {
  it('stores a record sent five times at once exactly once, answering each send alike', async () => {
    const volunteer = await loginAsDemo('钱悦');
    const body = adHoc();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(volunteer, body)));
    for (const answer of answers)
      expect({ status: answer.status, body: answer.body }).toStrictEqual({
        status: 201,
        body: answers[0]!.body,
      });
    const again = await post(volunteer, body);
    expect(again.body).toStrictEqual(answers[0]!.body);
    expect((await mine(volunteer)).deliveries.filter((d) => d.id === body.id)).toHaveLength(1);
    expectRefused(await post(volunteer, { ...body, peopleReached: 13 }), 409, 'REQUEST_ID_REUSED');
    const other = await loginAsDemo('赵磊');
    expectRefused(await post(other, body), 409, 'REQUEST_ID_REUSED');
  });

  it('lets one of two racing edits win and the other learn of the conflict; locks approved records', async () => {
    const volunteer = await loginAsDemo('钱悦');
    const staff = await loginAsDemo('顾晓东');
    const body = adHoc();
    expect((await post(volunteer, body)).status).toBe(201);
    const { id: _i, campaignId: _c, site: _s, ...fields } = body;
    const answers = await Promise.all(
      [20, 30].map((people) =>
        request('PUT', `/deliveries/${body.id}`, {
          token: volunteer,
          body: { ...fields, version: 1, peopleReached: people },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toStrictEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body as Delivery;
    const other = await loginAsDemo('赵磊');
    expectRefused(
      await request('PUT', `/deliveries/${body.id}`, { token: other, body: { ...fields, version: 2 } }),
      404,
      'DELIVERY_NOT_FOUND',
    );
    const approved = await request('POST', `/staff/deliveries/${body.id}/review`, {
      token: staff,
      body: { version: 2, decision: 'approve' },
    });
    expect((approved.body as Delivery).review.status).toBe('approved');
    expectRefused(
      await request('PUT', `/deliveries/${body.id}`, {
        token: volunteer,
        body: { ...fields, version: 3, peopleReached: 99 },
      }),
      409,
      'DELIVERY_LOCKED',
    );
    expect((await mine(volunteer)).deliveries.find((d) => d.id === body.id)?.peopleReached).toBe(
      winner.peopleReached,
    );
  });
});

describe('API: a campaign of its own, from first record to dashboard', () => {
  it('shows dashboard figures equal to a recount of every record it holds', async () => {
    const staff = await loginAsDemo('李敏');
    const created = await request('POST', '/staff/campaigns', {
      token: staff,
      body: {
        requestId: randomUUID(),
        orgPath: ZJG,
        title: '配送看板核对测试活动',
        season: { from: day(-6), to: day(30) },
        signup: { from: day(-6), to: day(20) },
        kinds: [
          {
            code: 'cool',
            name: '送清凉',
            items: [
              { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 },
              { code: 'melon', name: '西瓜', unit: '个', unitCostFen: 2500 },
            ],
          },
          {
            code: 'health',
            name: '送健康',
            items: [{ code: 'kit', name: '急救包', unit: '个', unitCostFen: 4200 }],
          },
        ],
        targetGroups: ['sanitation'],
      },
    });
    const campaign = created.body as {
      id: string;
      kinds: { code: string; items: { code: string; unitCostFen?: number }[] }[];
    };
    expect(
      (
        await request('POST', `/staff/campaigns/${campaign.id}/status`, {
          token: staff,
          body: { version: 1, status: 'open' },
        })
      ).status,
    ).toBe(200);
    const volunteers = await Promise.all([person(), person()]);
    for (const [index, v] of volunteers.entries()) {
      const offer = await request('POST', '/volunteer-signups', {
        token: v.token,
        body: {
          requestId: randomUUID(),
          signup: {
            campaignId: campaign.id,
            name: index === 0 ? '核对甲' : '核对乙',
            districts: [index === 0 ? ZJG : DAXIN],
            availability: [{ date: day(1), slot: 'am' }],
            phone: '13800003333',
          },
        },
      });
      const approved = await request(
        'POST',
        `/staff/volunteer-signups/${(offer.body as { id: string }).id}/review`,
        {
          token: staff,
          body: { version: 1, decision: 'approve' },
        },
      );
      expect(approved.status).toBe(200);
    }
    const sites = [
      { type: 'adHoc', name: '县城保洁点', address: '杨舍镇人民路 1 号', orgPath: ZJG },
      { type: 'adHoc', name: '大新镇工地', address: '大新中路 8 号', orgPath: DAXIN },
    ];
    const ids: string[] = [];
    for (let n = 0; n < 14; n += 1) {
      const v = volunteers[n % 2]!;
      const body = adHoc({
        campaignId: campaign.id,
        site: sites[n % 2 === 0 ? (n % 4 === 0 ? 0 : 1) : 1],
        kind: n % 3 === 0 ? 'health' : 'cool',
        items:
          n % 3 === 0
            ? [{ code: 'kit', quantity: 1 + (n % 4) }]
            : [
                { code: 'water', quantity: n + 1 },
                { code: 'melon', quantity: 2 },
              ],
        peopleReached: 5 + n * 3,
        deliveredAt: at(-(n % 5)),
      });
      const answer = await post(v.token, body);
      expect(answer.status).toBe(201);
      ids.push(body.id);
    }
    const decisions: [number, object][] = [
      [0, { decision: 'approve' }],
      [1, { decision: 'reject', comment: '重复登记' }],
      [2, { decision: 'needsChanges', comment: '请补照片' }],
      [5, { decision: 'approve' }],
      [6, { decision: 'reject', comment: '数量不实' }],
    ];
    for (const [index, decision] of decisions) {
      const answer = await request('POST', `/staff/deliveries/${ids[index]}/review`, {
        token: staff,
        body: { version: 1, ...decision },
      });
      expect(answer.status).toBe(200);
    }
    // Every record, read back through the staff listing (all statuses, paged).
    const records: Delivery[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (
        await request(
          'GET',
          `/staff/campaigns/${campaign.id}/deliveries${cursor ? `?cursor=${cursor}` : ''}`,
          { token: staff },
        )
      ).body as Page;
      records.push(...page.deliveries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(records.map((r) => r.id).sort()).toStrictEqual([...ids].sort());
    for (const root of [ZJG, DAXIN]) {
      const shown = (
        await request('GET', `/staff/campaigns/${campaign.id}/dashboard?orgPath=${root}`, { token: staff })
      ).body as DeliveryDashboard;
      expect(dashboardFigures(shown)).toStrictEqual(
        recountFigures(recount(records, campaign as never, root)),
      );
    }
  });
});
