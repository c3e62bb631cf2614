import { randomUUID } from 'node:crypto';
import type { Delivery, PhotoUploadTicket } from '@ankang/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { campaignToItem } from '../../functions/src/db/campaignItems';
import { db, tableName } from '../../functions/src/db/client';
import { handler as completePhotoUpload } from '../../functions/src/handlers/completePhotoUpload';
import { handler as createPhotoUpload } from '../../functions/src/handlers/createPhotoUpload';
import { metrics } from '../../functions/src/lib/metrics';
import { photoViewsFor } from '../../functions/src/services/photoViews';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { day } from './assignmentFixtures';
import {
  type DeliveryScene,
  dashboard,
  deliveryScene,
  draftAt,
  edit,
  myList,
  noonOf,
  post,
  review,
  staffList,
  storedDelivery,
} from './deliveryFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/** The view a create must answer, built from the scene and the draft (not from the code). */
function expectedView(scene: DeliveryScene, draft: ReturnType<typeof draftAt>, at: string): Delivery {
  return {
    id: draft.id,
    campaignId: scene.campaign.id,
    volunteerSignupId: scene.signupA.id,
    volunteerName: '赵测试',
    site: { type: 'assigned', assignmentId: scene.taskA.id, worksiteSignupId: scene.countySite.id },
    orgPath: scene.county,
    orgName: '测试县',
    siteName: scene.countySite.siteName,
    siteAddress: '测试镇人民路 18 号',
    siteLocation: { lat: 31.98, lng: 120.5 },
    kind: 'cool',
    kindName: '送清凉',
    items: [
      { code: 'water', name: '矿泉水', unit: '箱', quantity: 3, unitCostFen: 2400, moneyFen: 7200 },
      { code: 'herbal', name: '藿香正气水', unit: '盒', quantity: 10, unitCostFen: 850, moneyFen: 8500 },
    ],
    peopleReached: 25,
    photoIds: [],
    photos: [],
    position: { lat: 31.98, lng: 120.5, accuracy: 20 },
    deliveredAt: draft.deliveredAt,
    date: day(0),
    flags: [],
    moneyFen: 15_700,
    review: { status: 'pending' },
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

describe('Handler: createDelivery', () => {
  it('stores a delivery at an assigned site with the catalog snapshot, money and no flags', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    const answer = await post(scene.volunteerA.token, draft);
    expect(answer).toStrictEqual({ status: 201, body: expectedView(scene, draft, new Date().toISOString()) });
  });

  it('answers the same id and content again with the first result and stores one record', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    const first = await post(scene.volunteerA.token, draft);
    const again = await post(scene.volunteerA.token, structuredClone(draft));
    expect(again).toStrictEqual(first);
    const mine = await myList(scene.volunteerA.token, { campaignId: scene.campaign.id });
    expect((mine.body as { deliveries: Delivery[] }).deliveries.map((d) => d.id)).toStrictEqual([draft.id]);
    const counted = await dashboard(scene.staff.token, scene.campaign.id);
    expect((counted.body as { totals: unknown }).totals).toStrictEqual({
      deliveries: 1,
      handouts: 0,
      people: 25,
      moneyFen: 15_700,
    });
  });

  it('refuses the same id with other content (409 REQUEST_ID_REUSED) and keeps the first record', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const reused = await post(scene.volunteerA.token, { ...draft, peopleReached: 26 });
    expect(reused.status).toBe(409);
    expect((reused.body as { error: { code: string } }).error.code).toBe('REQUEST_ID_REUSED');
    expect((await storedDelivery(draft.id))?.peopleReached).toBe(25);
  });

  it('refuses another person sending an id already used, even with the same content', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const other = await post(scene.volunteerB.token, draft);
    expect(other.status).toBe(409);
    expect((other.body as { error: { code: string } }).error.code).toBe('REQUEST_ID_REUSED');
  });

  it('stores one record when sends of one id race, and answers every one of them alike', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    const metricCalls = vi.spyOn(metrics, 'addMetric');
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(scene.volunteerA.token, draft)));
    await post(scene.volunteerA.token, draft);
    // The business count: one delivery recorded, whatever the races and the retry.
    expect(metricCalls.mock.calls.filter(([name]) => name === 'deliveryRecorded')).toStrictEqual([
      ['deliveryRecorded', 'Count', 1],
    ]);
    metricCalls.mockRestore();
    for (const answer of answers) expect(answer).toStrictEqual(answers[0]);
    expect(answers[0]!.status).toBe(201);
    const counted = await dashboard(scene.staff.token, scene.campaign.id);
    expect((counted.body as { byStatus: unknown }).byStatus).toStrictEqual({
      pending: 1,
      approved: 0,
      needsChanges: 0,
      rejected: 0,
    });
  });

  it('flags a coarse fix, a point far from the site, and a record without position', async () => {
    const scene = await deliveryScene();
    // 0.02° of latitude is about 2.2 km north of the site.
    const far = await post(
      scene.volunteerA.token,
      draftAt(scene, scene.taskA, { position: { lat: 32.0, lng: 120.5, accuracy: 150 } }),
    );
    expect((far.body as Delivery).flags).toStrictEqual(['lowAccuracy', 'farFromSite']);
    const { position: _p, ...withoutPosition } = draftAt(scene, scene.taskA);
    const none = await post(scene.volunteerA.token, withoutPosition);
    expect((none.body as Delivery).flags).toStrictEqual(['noPosition']);
  });

  it('records an ad-hoc site in one of the volunteer’s districts, named from the org tree', async () => {
    const scene = await deliveryScene();
    const answer = await post(
      scene.volunteerB.token,
      draftAt(scene, scene.taskB, {
        site: { type: 'adHoc', name: '临时环卫点', address: '测试镇南街口', orgPath: scene.town },
      }),
    );
    expect(answer.status).toBe(201);
    const body = answer.body as Delivery;
    expect([
      body.site,
      body.orgPath,
      body.orgName,
      body.siteName,
      body.siteLocation,
      body.flags,
    ]).toStrictEqual([{ type: 'adHoc' }, scene.town, '测试县 › 测试镇', '临时环卫点', undefined, []]);
  });

  it.each([
    ['a kind not in the catalog', { kind: 'legal' }, 422, 'NOT_IN_CATALOG'],
    ['an item of another kind', { items: [{ code: 'checkup', quantity: 1 }] }, 422, 'NOT_IN_CATALOG'],
    ['a time in the future', { deliveredAt: 'inTenMinutes' }, 422, 'OUTSIDE_SEASON'],
    ['a date before the season', { deliveredAt: noonOf(-11) }, 422, 'OUTSIDE_SEASON'],
    [
      'a repeated item',
      {
        items: [
          { code: 'water', quantity: 1 },
          { code: 'water', quantity: 2 },
        ],
      },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'four photos',
      { photoIds: ['a', 'b', 'c', 'd'].map((c) => `ph_${c.repeat(16)}`) },
      400,
      'VALIDATION_FAILED',
    ],
    ['a quantity of zero', { items: [{ code: 'water', quantity: 0 }] }, 400, 'VALIDATION_FAILED'],
    ['a time without offset', { deliveredAt: `${day(0)}T12:00:00` }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s and stores nothing', async (_what, change, status, code) => {
    const scene = await deliveryScene();
    // Times are made when the test runs, under the held clock.
    const inTenMinutes = new Date(Date.now() + 10 * 60_000).toISOString();
    const draft = draftAt(scene, scene.taskA, {
      ...change,
      ...('deliveredAt' in change && change.deliveredAt === 'inTenMinutes'
        ? { deliveredAt: inTenMinutes }
        : {}),
    });
    const answer = await post(scene.volunteerA.token, draft);
    expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toStrictEqual([
      status,
      code,
    ]);
    expect(await storedDelivery(draft.id)).toBeNull();
  });

  it('refuses a caller who is not an approved volunteer of the campaign (403)', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    const answer = await post(scene.stranger.token, draft);
    expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toStrictEqual([
      403,
      'NOT_CAMPAIGN_VOLUNTEER',
    ]);
    expect(await storedDelivery(draft.id)).toBeNull();
  });

  it('treats another volunteer’s task as absent (404) and an ad-hoc site outside the districts as a 400', async () => {
    const scene = await deliveryScene();
    const otherTask = await post(scene.volunteerB.token, draftAt(scene, scene.taskA));
    expect((otherTask.body as { error: { code: string } }).error.code).toBe('ASSIGNMENT_NOT_FOUND');
    const outside = await post(
      scene.volunteerB.token,
      draftAt(scene, scene.taskB, {
        site: { type: 'adHoc', name: '县城工地', address: '县城北路', orgPath: scene.county },
      }),
    );
    expect([outside.status, (outside.body as { error: { code: string } }).error.code]).toStrictEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });
});

describe('Handler: updateDelivery', () => {
  const editOf = (
    draft: ReturnType<typeof draftAt>,
    version: number,
    change: Record<string, unknown> = {},
  ) => {
    const { id: _id, campaignId: _c, site: _s, ...rest } = draft;
    return { ...rest, version, ...change };
  };

  it('lets the volunteer change their pending record, recounting its figures', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const changed = await edit(
      scene.volunteerA.token,
      draft.id,
      editOf(draft, 1, { items: [{ code: 'water', quantity: 5 }], peopleReached: 30 }),
    );
    expect(changed.status).toBe(200);
    const body = changed.body as Delivery;
    expect([body.version, body.moneyFen, body.peopleReached, body.review.status]).toStrictEqual([
      2,
      12_000,
      30,
      'pending',
    ]);
    const counted = await dashboard(scene.staff.token, scene.campaign.id);
    expect((counted.body as { totals: unknown }).totals).toStrictEqual({
      deliveries: 1,
      handouts: 0,
      people: 30,
      moneyFen: 12_000,
    });
  });

  it('answers a retried edit with the record, and a stale one with 409 VERSION_CONFLICT', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const change = editOf(draft, 1, { peopleReached: 31 });
    const first = await edit(scene.volunteerA.token, draft.id, change);
    const retry = await edit(scene.volunteerA.token, draft.id, change);
    expect(retry).toStrictEqual(first);
    const stale = await edit(scene.volunteerA.token, draft.id, editOf(draft, 1, { peopleReached: 40 }));
    expect(stale).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 2 },
        },
      },
    });
  });

  it('lets only the owner edit: another volunteer gets 404 and nothing changes', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const other = await edit(scene.volunteerB.token, draft.id, editOf(draft, 1, { peopleReached: 1 }));
    expect([other.status, (other.body as { error: { code: string } }).error.code]).toStrictEqual([
      404,
      'DELIVERY_NOT_FOUND',
    ]);
    expect((await storedDelivery(draft.id))?.peopleReached).toBe(25);
  });

  it('sends a 有问题 record back to pending on edit, and refuses edits once approved (409 DELIVERY_LOCKED)', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const asked = await review(scene.staff.token, draft.id, {
      version: 1,
      decision: 'needsChanges',
      comment: '请补充照片',
    });
    expect((asked.body as Delivery).review).toMatchObject({ status: 'needsChanges', comment: '请补充照片' });
    const answered = await edit(scene.volunteerA.token, draft.id, editOf(draft, 2, { peopleReached: 28 }));
    expect((answered.body as Delivery).review).toMatchObject({ status: 'pending', comment: '请补充照片' });
    await review(scene.staff.token, draft.id, { version: 3, decision: 'approve' });
    const locked = await edit(scene.volunteerA.token, draft.id, editOf(draft, 4, { peopleReached: 29 }));
    expect([locked.status, (locked.body as { error: { code: string } }).error.code]).toStrictEqual([
      409,
      'DELIVERY_LOCKED',
    ]);
    expect((await storedDelivery(draft.id))?.peopleReached).toBe(28);
  });
  it('refuses an edit once the campaign is archived (409 INVALID_TRANSITION): its figures stay filed', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: campaignToItem({ ...scene.campaign, status: 'archived', version: 2 }),
      }),
    );
    const late = await edit(scene.volunteerA.token, draft.id, editOf(draft, 1, { peopleReached: 99 }));
    expect([late.status, (late.body as { error: { code: string } }).error.code]).toStrictEqual([
      409,
      'INVALID_TRANSITION',
    ]);
    expect((await storedDelivery(draft.id))?.peopleReached).toBe(25);
  });
});

describe('Handler: reviewDelivery', () => {
  it('takes a rejected record out of the totals but keeps it in byStatus; rejection is final', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const rejected = await review(scene.staff.token, draft.id, {
      version: 1,
      decision: 'reject',
      comment: '重复记录',
    });
    expect((rejected.body as Delivery).review).toMatchObject({ status: 'rejected', comment: '重复记录' });
    const counted = (await dashboard(scene.staff.token, scene.campaign.id)).body as {
      totals: unknown;
      byStatus: unknown;
    };
    expect([counted.totals, counted.byStatus]).toStrictEqual([
      { deliveries: 0, handouts: 0, people: 0, moneyFen: 0 },
      { pending: 0, approved: 0, needsChanges: 0, rejected: 1 },
    ]);
    const again = await review(scene.staff.token, draft.id, { version: 2, decision: 'approve' });
    expect((again.body as { error: { code: string } }).error.code).toBe('INVALID_TRANSITION');
  });

  it('answers a retried decision alike, refuses a comment-less 有问题, and staff beside the org', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const bare = await review(scene.staff.token, draft.id, { version: 1, decision: 'needsChanges' });
    expect(bare.status).toBe(400);
    const beside = await review(scene.sideStaff.token, draft.id, { version: 1, decision: 'approve' });
    expect((beside.body as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    const below = await review(scene.townStaff.token, draft.id, { version: 1, decision: 'approve' });
    expect((below.body as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    const first = await review(scene.staff.token, draft.id, { version: 1, decision: 'approve' });
    const retry = await review(scene.staff.token, draft.id, { version: 1, decision: 'approve' });
    expect(retry).toStrictEqual(first);
    expect((first.body as Delivery).version).toBe(2);
  });

  it('counts an approved assigned site as covered and lists the rest as uncovered', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const before = (await dashboard(scene.staff.token, scene.campaign.id)).body as { coverage: unknown };
    const sites = [scene.countySite, scene.townSite];
    expect(before.coverage).toStrictEqual({
      approvedSites: 2,
      coveredSites: 0,
      uncovered: [...sites]
        .sort((a, b) => a.orgPath.localeCompare(b.orgPath))
        .map((site) => ({ worksiteSignupId: site.id, siteName: site.siteName, orgName: site.orgName })),
      uncoveredMore: false,
    });
    await review(scene.staff.token, draft.id, { version: 1, decision: 'approve' });
    const after = (await dashboard(scene.staff.token, scene.campaign.id)).body as { coverage: unknown };
    expect(after.coverage).toStrictEqual({
      approvedSites: 2,
      coveredSites: 1,
      uncovered: [
        {
          worksiteSignupId: scene.townSite.id,
          siteName: scene.townSite.siteName,
          orgName: scene.townSite.orgName,
        },
      ],
      uncoveredMore: false,
    });
  });
});

describe('Handler: getDeliveryDashboard', () => {
  it('charts at most the last 366 days even when the season starts centuries ago (a typo)', async () => {
    const scene = await deliveryScene();
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: campaignToItem({ ...scene.campaign, season: { from: '0226-07-01', to: day(40) }, version: 2 }),
      }),
    );
    await post(scene.volunteerA.token, draftAt(scene, scene.taskA));
    const answer = await dashboard(scene.staff.token, scene.campaign.id);
    expect(answer.status).toBe(200);
    const days = (answer.body as { byDay: { date: string; deliveries: number }[] }).byDay;
    expect([days.length, days[0]?.date, days.at(-1)]).toStrictEqual([
      366,
      day(-365),
      { date: day(0), deliveries: 1, handouts: 0, people: 25 },
    ]);
  });
});

describe('Listings', () => {
  it('pages the volunteer’s own records newest first, 20 a page, and refuses a forged cursor', async () => {
    const scene = await deliveryScene();
    const ids: string[] = [];
    for (let n = 0; n < 21; n += 1) {
      const draft = draftAt(scene, scene.taskA, {
        deliveredAt: `${day(-1)}T${String(n).padStart(2, '0')}:10:00+08:00`,
      });
      ids.push(draft.id);
      await post(scene.volunteerA.token, draft);
    }
    const first = (await myList(scene.volunteerA.token, { campaignId: scene.campaign.id })).body as {
      deliveries: Delivery[];
      nextCursor: string;
    };
    const second = (
      await myList(scene.volunteerA.token, { campaignId: scene.campaign.id, cursor: first.nextCursor })
    ).body as { deliveries: Delivery[]; nextCursor: string | null };
    expect([...first.deliveries, ...second.deliveries].map((d) => d.id)).toStrictEqual([...ids].reverse());
    expect(second.nextCursor).toBeNull();
    const forged = await myList(scene.volunteerA.token, {
      campaignId: scene.campaign.id,
      cursor: `${first.nextCursor.slice(0, -3)}abc`,
    });
    expect((forged.body as { error: { code: string } }).error.code).toBe('BAD_CURSOR');
    const others = (await myList(scene.volunteerB.token, { campaignId: scene.campaign.id })).body;
    expect(others).toStrictEqual({ deliveries: [], nextCursor: null });
  });

  it('pages every status in turn (待审核 first), each record once, 20 a page', async () => {
    const scene = await deliveryScene();
    const ids: string[] = [];
    for (let n = 0; n < 22; n += 1) {
      const draft = draftAt(scene, scene.taskA, {
        deliveredAt: `${day(-2)}T${String(n).padStart(2, '0')}:20:00+08:00`,
      });
      ids.push(draft.id);
      expect((await post(scene.volunteerA.token, draft)).status).toBe(201);
    }
    const approved = ids.slice(0, 5);
    for (const id of approved) await review(scene.staff.token, id, { version: 1, decision: 'approve' });
    const first = (await staffList(scene.staff.token, scene.campaign.id)).body as {
      deliveries: Delivery[];
      nextCursor: string;
    };
    const second = (await staffList(scene.staff.token, scene.campaign.id, { cursor: first.nextCursor }))
      .body as { deliveries: Delivery[]; nextCursor: string | null };
    const listed = [...first.deliveries, ...second.deliveries];
    // Within a status: by org path, then delivery time (all at one site here).
    expect(listed.map((d) => d.id)).toStrictEqual([...ids.slice(5), ...approved]);
    expect(first.deliveries).toHaveLength(20);
    expect(second.nextCursor).toBeNull();
    const onlyApproved = (
      await staffList(scene.staff.token, scene.campaign.id, { status: 'approved', cursor: first.nextCursor })
    ).body as { error: { code: string } };
    expect(onlyApproved.error.code).toBe('BAD_CURSOR');
  });

  it('shows county staff every status of the subtree, town staff only their town', async () => {
    const scene = await deliveryScene();
    const a = draftAt(scene, scene.taskA);
    const b = draftAt(scene, scene.taskB);
    await post(scene.volunteerA.token, a);
    await post(scene.volunteerB.token, b);
    await review(scene.staff.token, a.id, { version: 1, decision: 'approve' });
    const all = (await staffList(scene.staff.token, scene.campaign.id)).body as { deliveries: Delivery[] };
    expect(all.deliveries.map((d) => [d.id, d.review.status])).toStrictEqual([
      [b.id, 'pending'],
      [a.id, 'approved'],
    ]);
    const pending = (await staffList(scene.staff.token, scene.campaign.id, { status: 'pending' })).body as {
      deliveries: Delivery[];
    };
    expect(pending.deliveries.map((d) => d.id)).toStrictEqual([b.id]);
    const town = (await staffList(scene.townStaff.token, scene.campaign.id)).body as {
      deliveries: Delivery[];
    };
    expect(town.deliveries.map((d) => d.id)).toStrictEqual([b.id]);
    const beside = await staffList(scene.sideStaff.token, scene.campaign.id);
    expect((beside.body as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('Photos on a delivery', () => {
  const png = pngImage(8, 8, (x, y) => [x * 30, y * 30, 120]);

  /**
   * Presign, PUT and complete one photo for the delivery id, as `token`'s user (the photo piece's
   * routes). s3rver checks a presigned URL's expiry against the real clock, so the URL is made on it:
   * signed at the held noon, it has expired by the afternoon (Shanghai) and the PUT is refused. The
   * same holds for the caller's token, so one is issued on the real clock too.
   */
  async function landPhoto(person: { userId: string }, deliveryId: string): Promise<string> {
    const held = new Date();
    vi.useRealTimers();
    try {
      // A token issued at the held noon has expired on the real clock by the afternoon: issue one now.
      const { token } = await issueAccessToken({ id: person.userId, tokenVersion: 0 }, new Date());
      return await landPhotoNow(token, deliveryId);
    } finally {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(held);
    }
  }

  async function landPhotoNow(token: string, deliveryId: string): Promise<string> {
    const id = `ph_${randomUUID().replace(/-/g, '')}`;
    const issued = await invoke(
      createPhotoUpload,
      httpEvent({
        method: 'POST',
        path: '/photos/uploads',
        token,
        body: { id, owner: { kind: 'delivery', id: deliveryId }, contentType: 'image/png', size: png.length },
      }),
    );
    expect(issued.status).toBe(201);
    const put = await fetch((issued.body as PhotoUploadTicket).uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array(png),
    });
    await put.arrayBuffer();
    expect(put.status).toBe(200);
    const done = await invoke(
      completePhotoUpload,
      httpEvent({ method: 'POST', path: `/photos/${id}/complete`, token, params: { id } }),
    );
    expect(done.status).toBe(200);
    return id;
  }

  it('shows the volunteer’s own landed photos, never another person’s under the same id, once both landed', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    // The record may land before its photos: one is sent after it, one never arrives.
    const own = await landPhoto(scene.volunteerA, draft.id);
    const foreign = await landPhoto(scene.volunteerB, draft.id);
    const missing = `ph_${'9'.repeat(32)}`;
    const created = await post(scene.volunteerA.token, { ...draft, photoIds: [own, foreign, missing] });
    expect((created.body as Delivery).photos.map((photo) => photo.id)).toStrictEqual([own]);
    const late = await landPhoto(scene.volunteerA, draft.id);
    const { id: _i, campaignId: _c, site: _s, ...fields } = draft;
    const edited = await edit(scene.volunteerA.token, draft.id, {
      ...fields,
      photoIds: [own, late, foreign],
      version: 1,
    });
    const photos = (edited.body as Delivery).photos;
    expect(photos.map((photo) => photo.id)).toStrictEqual([own, late]);
    expect(new URL(photos[0]!.url).pathname).toBe(
      `/${inject('photoBucket')}/photos/delivery/${draft.id}/${own}`,
    );
    // The answer's links were signed at the held noon, which s3rver judges on the real clock (long
    // expired in the afternoon): the same photo's link signed now returns the stored bytes.
    vi.useRealTimers();
    const [fresh] = await photoViewsFor(
      { kind: 'delivery', id: draft.id },
      { ids: [own], uploaderUserId: scene.volunteerA.userId },
    );
    const fetched = await fetch(fresh!.url);
    expect([fetched.status, Buffer.from(await fetched.arrayBuffer()).equals(png)]).toStrictEqual([200, true]);
  });
});
