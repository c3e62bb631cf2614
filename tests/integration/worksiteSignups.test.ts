import { randomUUID } from 'node:crypto';
import { shanghaiDate, type WorksiteSignup } from '@ankang/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { getWorksiteSignupRecord } from '../../functions/src/db/signups';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import {
  inCountyOnly,
  inTown,
  myWorksites,
  openCampaign,
  plusDays,
  rangeText,
  revealPhone,
  worksiteSetup as setup,
  storedWorksitesOf,
  submitted,
  submitWorksite,
  today,
  worksiteDraft,
  worksiteQueue,
} from './signupFixtures';

// Quotas and sign-up windows count Shanghai days: never straddle midnight.
atShanghaiNoon();

async function quotaCount(userId: string): Promise<number | undefined> {
  const day = shanghaiDate(new Date());
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.quota('signup', await pseudonym('quota:signup', userId, day), day),
    }),
  );
  return Item?.count as number | undefined;
}

describe('Handler: submitWorksiteSignup', () => {
  it('stores a pending sign-up and shows the phone masked, to the applicant too', async () => {
    const { campaign, town, worker, staff } = await setup();
    const result = await submitWorksite(worker.token, worksiteDraft(campaign.id, town));
    const stamp = new Date().toISOString();
    const expected = {
      id: expect.stringMatching(/^ws_[0-9a-f]{32}$/),
      campaignId: campaign.id,
      siteName: '测试环卫所',
      orgPath: town,
      orgName: '测试县 › 测试镇',
      address: '测试镇人民路 18 号',
      location: inTown,
      outdoorWorkers: 40,
      highTempWorkers: 12,
      workerGroups: ['sanitation'],
      requested: [{ kind: 'cool', items: ['water', 'mungbean'] }],
      preferredDates: [plusDays(today(), 3)],
      contactName: '陆国平',
      contactPhoneMasked: '138****5678',
      status: 'pending',
      version: 1,
      createdAt: stamp,
      updatedAt: stamp,
    };
    expect(result).toStrictEqual({ status: 201, body: expected });
    const signup = result.body as WorksiteSignup;
    expect(await myWorksites(worker.token)).toStrictEqual([signup]);
    const queue = await worksiteQueue(staff.token, campaign.id);
    expect((queue.body as { signups: WorksiteSignup[] }).signups).toStrictEqual([signup]);
    // Stored in one canonical form, never answered unmasked.
    expect((await getWorksiteSignupRecord(signup.id))?.contactPhone).toBe('13812345678');
    expect(JSON.stringify([result.body, queue.body])).not.toContain('12345678');
  });

  it('answers a retry with the first sign-up, storing and counting it once', async () => {
    const { campaign, town, worker } = await setup();
    const requestId = randomUUID();
    const draft = worksiteDraft(campaign.id, town);
    const [first, again] = await Promise.all([
      submitWorksite(worker.token, draft, requestId),
      submitWorksite(worker.token, draft, requestId),
    ]);
    expect(first.status).toBe(201);
    expect(again).toStrictEqual(first);
    // Even with another body: the request id names the first sign-up.
    const later = await submitWorksite(worker.token, { ...draft, siteName: '另一个工地' }, requestId);
    expect(later).toStrictEqual(first);
    expect(await storedWorksitesOf(worker.userId)).toHaveLength(1);
    expect(await quotaCount(worker.userId)).toBe(1);
    // Another request is another sign-up.
    await submitted(worker.token, draft);
    expect(await storedWorksitesOf(worker.userId)).toHaveLength(2);
    expect(await quotaCount(worker.userId)).toBe(2);
  });

  it.each([
    [
      'a bad phone',
      { contactPhone: '400-812-3123' },
      [
        {
          path: 'body.signup.contactPhone',
          message: '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话（如 0512-58681234）',
        },
      ],
    ],
    [
      'a location outside the town',
      { location: inCountyOnly },
      [{ path: 'body.signup.location', message: '所选位置不在测试镇范围内' }],
    ],
    [
      'an item not in the campaign’s catalog',
      { requested: [{ kind: 'cool', items: ['water', 'sugar'] }] },
      [{ path: 'body.signup.requested.0.items.1', message: '“sugar”不是“送清凉”中的物资或服务' }],
    ],
    [
      'a kind not in the campaign',
      { requested: [{ kind: 'law', items: [] }] },
      [{ path: 'body.signup.requested.0.kind', message: '“law”不是本活动的类别' }],
    ],
    [
      'worker groups the campaign does not serve',
      { workerGroups: ['truckDriver'] },
      [{ path: 'body.signup.workerGroups', message: '本活动面向环卫工人、建筑工人，请至少选择其中一类' }],
    ],
  ])('refuses %s naming the field, and stores and counts nothing', async (_what, overrides, issues) => {
    const { campaign, town, worker } = await setup();
    const result = await submitWorksite(worker.token, worksiteDraft(campaign.id, town, overrides as object));
    expect(result).toStrictEqual({
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查后重试', details: { issues } },
      },
    });
    expect(await storedWorksitesOf(worker.userId)).toStrictEqual([]);
    expect(await quotaCount(worker.userId)).toBeUndefined();
  });

  it('refuses dates outside the season at their own paths, with every other problem at once', async () => {
    const { campaign, town, beside, worker } = await setup();
    const late = plusDays(today(), 61);
    const early = plusDays(today(), -11);
    const season = rangeText({ from: plusDays(today(), -10), to: plusDays(today(), 60) });
    const result = await submitWorksite(
      worker.token,
      worksiteDraft(campaign.id, town, { preferredDates: [plusDays(today(), 60), late, early] }),
    );
    expect(result).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          details: {
            issues: [
              { path: 'body.signup.preferredDates.1', message: `日期 ${late} 不在活动期间（${season}）内` },
              { path: 'body.signup.preferredDates.2', message: `日期 ${early} 不在活动期间（${season}）内` },
            ],
          },
        },
      },
    });
    // A district beside the campaign's, an unknown item and a late date: all named in one answer.
    const several = await submitWorksite(
      worker.token,
      worksiteDraft(campaign.id, beside, {
        requested: [{ kind: 'cool', items: ['sugar'] }],
        preferredDates: [late],
      }),
    );
    expect(several).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: {
            issues: [
              { path: 'body.signup.orgPath', message: '所选地区不在本活动的范围内（测试县及其下属地区）' },
              { path: 'body.signup.requested.0.items.0', message: '“sugar”不是“送清凉”中的物资或服务' },
              { path: 'body.signup.preferredDates.0', message: `日期 ${late} 不在活动期间（${season}）内` },
            ],
          },
        },
      },
    });
    expect(await storedWorksitesOf(worker.userId)).toStrictEqual([]);
  });

  it('checks a point against the county’s box when the town has none', async () => {
    const { campaign, plainTown, worker } = await setup();
    await submitted(worker.token, worksiteDraft(campaign.id, plainTown, { location: inCountyOnly }));
    const outside = await submitWorksite(
      worker.token,
      worksiteDraft(campaign.id, plainTown, { location: { lat: 31.3, lng: 120.7 } }),
    );
    expect(outside).toMatchObject({
      status: 400,
      body: {
        error: {
          details: { issues: [{ path: 'body.signup.location', message: '所选位置不在测试县范围内' }] },
        },
      },
    });
  });

  it('refuses a missing district, a missing, hidden, closed or finished campaign, and stores nothing', async () => {
    const { county, campaign, town, worker } = await setup();
    const refusal = async (draft: object, status: number, code: string) => {
      const result = await submitWorksite(worker.token, draft);
      expect(result, code).toMatchObject({ status, body: { error: { code } } });
    };
    await refusal(worksiteDraft(campaign.id, `${county}/nowhere`), 404, 'ORG_NOT_FOUND');
    await refusal(worksiteDraft('cp_itdoesnotexist00', town), 404, 'CAMPAIGN_NOT_FOUND');
    const draft = await openCampaign(county, { status: 'draft' });
    await refusal(worksiteDraft(draft.id, town), 404, 'CAMPAIGN_NOT_FOUND');
    const closed = await openCampaign(county, { status: 'closed' });
    await refusal(worksiteDraft(closed.id, town), 409, 'SIGNUP_CLOSED');
    const ended = await openCampaign(county, {
      signup: { from: plusDays(today(), -20), to: plusDays(today(), -1) },
    });
    const late = await submitWorksite(worker.token, worksiteDraft(ended.id, town));
    expect(late).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'SIGNUP_CLOSED',
          message: `该活动的报名时间为${rangeText(ended.signup)}，当前不在报名时间内`,
        },
      },
    });
    const notYet = await openCampaign(county, {
      signup: { from: plusDays(today(), 1), to: plusDays(today(), 20) },
    });
    await refusal(worksiteDraft(notYet.id, town), 409, 'SIGNUP_CLOSED');
    expect(await storedWorksitesOf(worker.userId)).toStrictEqual([]);
    expect(await quotaCount(worker.userId)).toBeUndefined();
  });

  it('copies the phone of the caller’s own earlier sign-up, and no one else’s', async () => {
    const { campaign, town, worker, staff } = await setup();
    const earlier = await submitted(
      worker.token,
      worksiteDraft(campaign.id, town, { contactPhone: '0512-58681234' }),
    );
    const { contactPhone: _phone, ...rest } = worksiteDraft(campaign.id, town);
    const again = await submitted(worker.token, { ...rest, reusePhoneFrom: earlier.id });
    expect(again.contactPhoneMasked).toBe('0512-****1234');
    expect(await revealPhone(staff.token, again.id)).toStrictEqual({
      status: 200,
      body: { phone: '0512-58681234' },
    });

    const stranger = await freshUser();
    for (const id of [earlier.id, `ws_${'0'.repeat(32)}`]) {
      expect(await submitWorksite(stranger.token, { ...rest, reusePhoneFrom: id })).toMatchObject({
        status: 404,
        body: { error: { code: 'SIGNUP_NOT_FOUND' } },
      });
    }
    expect(await storedWorksitesOf(stranger.userId)).toStrictEqual([]);
  });

  it('holds a person to the daily cap in the same transaction, and still answers their retries', async () => {
    const { campaign, town, worker } = await setup();
    const requestId = randomUUID();
    const first = await submitWorksite(worker.token, worksiteDraft(campaign.id, town), requestId);
    expect(first.status).toBe(201);
    // As if 19 more sign-ups had been made today: the cap is 20.
    const day = shanghaiDate(new Date());
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.quota('signup', await pseudonym('quota:signup', worker.userId, day), day),
          type: 'Quota',
          count: 20,
          version: 20,
        },
      }),
    );
    const refused = await submitWorksite(worker.token, worksiteDraft(campaign.id, town));
    expect(refused).toStrictEqual({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: '今天的报名次数已达上限（每天 20 次），请明天再试' } },
    });
    expect(await storedWorksitesOf(worker.userId)).toHaveLength(1);
    expect(await submitWorksite(worker.token, worksiteDraft(campaign.id, town), requestId)).toStrictEqual(
      first,
    );
    expect(await quotaCount(worker.userId)).toBe(20);
  });

  it('lists a person’s own sign-ups newest first, and nobody else’s', async () => {
    const { campaign, town, worker } = await setup();
    const other = await freshUser();
    await submitted(other.token, worksiteDraft(campaign.id, town));
    const ids: string[] = [];
    for (const siteName of ['第一个工地', '第二个工地', '第三个工地']) {
      ids.push((await submitted(worker.token, worksiteDraft(campaign.id, town, { siteName }))).id);
      // The clock is held: move it on so each sign-up has its own time.
      vi.setSystemTime(new Date(Date.now() + 60_000));
    }
    expect((await myWorksites(worker.token)).map((s) => s.id)).toStrictEqual(ids.reverse());
  });
});

describe('Demo outreach', () => {
  it('takes sign-ups for the seeded campaign today, in 大新镇 and inside its box', async () => {
    const worker = await freshUser();
    const daxin = '320000/320500/320582/daxin';
    const signup = await submitted(
      worker.token,
      worksiteDraft('cp_demo0zjgthis', daxin, { location: { lat: 31.97, lng: 120.51 } }),
    );
    expect(signup).toMatchObject({ orgName: '张家港市 › 大新镇', status: 'pending' });
    const outside = await submitWorksite(
      worker.token,
      worksiteDraft('cp_demo0zjgthis', daxin, { location: { lat: 31.87, lng: 120.55 } }),
    );
    expect(outside).toMatchObject({
      status: 400,
      body: {
        error: {
          details: { issues: [{ path: 'body.signup.location', message: '所选位置不在大新镇范围内' }] },
        },
      },
    });
  });
});
