import { randomUUID } from 'node:crypto';
import type { Campaign, CampaignDraftInput } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { getCampaignById } from '../../functions/src/db/campaigns';
import { handler as createCampaign } from '../../functions/src/handlers/createCampaign';
import { handler as getCampaign } from '../../functions/src/handlers/getCampaign';
import { handler as listCampaigns } from '../../functions/src/handlers/listCampaigns';
import { handler as setCampaignStatus } from '../../functions/src/handlers/setCampaignStatus';
import { handler as updateCampaign } from '../../functions/src/handlers/updateCampaign';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';

const suzhou = '320000/320500';
const zjg = '320000/320500/320582';
const sip = '320000/320500/320571';

function draft(orgPath: string, overrides: Partial<CampaignDraftInput> = {}): CampaignDraftInput {
  return {
    orgPath,
    title: '2026年夏季安康“三送”活动',
    season: { from: '2026-06-15', to: '2026-09-15' },
    signup: { from: '2026-06-01', to: '2026-08-31' },
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [{ code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 }],
      },
    ],
    targetGroups: ['sanitation'],
    ...overrides,
  };
}

const create = (token: string, body: object, requestId: string = randomUUID()) =>
  invoke(
    createCampaign,
    httpEvent({ method: 'POST', path: '/staff/campaigns', token, body: { ...body, requestId } }),
  );
const update = (token: string, id: string, body: unknown) =>
  invoke(
    updateCampaign,
    httpEvent({ method: 'PUT', path: `/staff/campaigns/${id}`, token, params: { id }, body }),
  );
const move = (token: string, id: string, body: unknown) =>
  invoke(
    setCampaignStatus,
    httpEvent({ method: 'POST', path: `/staff/campaigns/${id}/status`, token, params: { id }, body }),
  );
const list = (token: string, org: string) =>
  invoke(listCampaigns, httpEvent({ path: '/campaigns', token, query: { org } }));
const get = (token: string, id: string) =>
  invoke(getCampaign, httpEvent({ path: `/campaigns/${id}`, token, params: { id } }));

async function created(token: string, body: CampaignDraftInput): Promise<Campaign> {
  const result = await create(token, body);
  expect(result.status).toBe(201);
  return result.body as Campaign;
}

describe('Handler: campaigns', () => {
  it('creates a draft that only its union sees, and shows it to every place below once open', async () => {
    // A union of its own, so the seeded and other tests' campaigns above it do not matter.
    const county = await freshOrg(zjg, '测试县工会');
    const town = await freshOrg(county, '测试镇工会');
    const staff = await freshUser({ roles: ['staff'], orgPath: county });
    const worker = await freshUser();
    const campaign = await created(staff.token, draft(county));
    expect(campaign).toMatchObject({ status: 'draft', version: 1, orgPath: county });
    const ids = async (token: string, org: string) =>
      ((await list(token, org)).body as { campaigns: Campaign[] }).campaigns.map((c) => c.id);

    // A draft: the running union's staff see it; a worker in a town below does not.
    expect(await ids(staff.token, town)).toContain(campaign.id);
    expect(await ids(worker.token, town)).not.toContain(campaign.id);
    expect(await get(worker.token, campaign.id)).toMatchObject({
      status: 404,
      body: { error: { code: 'CAMPAIGN_NOT_FOUND' } },
    });

    const opened = await move(staff.token, campaign.id, { version: 1, status: 'open' });
    expect(opened).toMatchObject({ status: 200, body: { status: 'open', version: 2 } });
    const listing = (await list(worker.token, town)).body as { campaigns: Campaign[] };
    expect(listing.campaigns.find((c) => c.id === campaign.id)).toStrictEqual(opened.body);
    expect((await get(worker.token, campaign.id)).body).toStrictEqual(opened.body);
    // Not beside it, nor above it: 苏州工业园区 and 张家港 itself take no part in this union's campaign.
    expect(await ids(worker.token, sip)).not.toContain(campaign.id);
    expect(await ids(worker.token, zjg)).not.toContain(campaign.id);
  });

  it('refuses staff beside or below the running union, and a worker, and stores nothing', async () => {
    const beside = await freshUser({ roles: ['staff'], orgPath: sip });
    const worker = await freshUser();
    expect(await create(beside.token, draft(zjg))).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await create(worker.token, draft(zjg))).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });

    const above = await freshUser({ roles: ['staff'], orgPath: suzhou });
    const campaign = await created(above.token, draft(suzhou));
    const below = await freshUser({ roles: ['staff'], orgPath: zjg });
    expect(await move(below.token, campaign.id, { version: 1, status: 'open' })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await update(below.token, campaign.id, { ...draft(zjg), version: 1 })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await getCampaignById(campaign.id)).toStrictEqual(campaign);
  });

  it('refuses a bad draft naming the field, and stores nothing', async () => {
    const county = await freshOrg(zjg, '测试县工会');
    const staff = await freshUser({ roles: ['staff'], orgPath: county });
    const before = (await list(staff.token, county)).body;
    const result = await create(
      staff.token,
      draft(county, { signup: { from: '2026-06-01', to: '2026-10-01' } }),
    );
    expect(result).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: { issues: [{ path: 'body.signup.to', message: '报名截止日期不能晚于活动结束日期' }] },
        },
      },
    });
    expect((await list(staff.token, county)).body).toStrictEqual(before);
  });

  it('edits with the version it read; a stale version is a 409 with the current one', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const campaign = await created(staff.token, draft(zjg));
    const renamed = await update(staff.token, campaign.id, {
      ...draft(zjg, { title: '2026年张家港“三送”' }),
      version: 1,
    });
    expect(renamed).toMatchObject({ status: 200, body: { title: '2026年张家港“三送”', version: 2 } });
    const stale = await update(staff.token, campaign.id, {
      ...draft(zjg, { title: '另一个标题写法' }),
      version: 1,
    });
    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    expect((await getCampaignById(campaign.id))?.title).toBe('2026年张家港“三送”');
  });

  it('moves draft → open → closed → open → closed → archived, refusing every other move', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const campaign = await created(staff.token, draft(zjg));
    const refused = (version: number, status: string) =>
      expect(move(staff.token, campaign.id, { version, status })).resolves.toMatchObject({
        status: 409,
        body: { error: { code: 'INVALID_TRANSITION' } },
      });
    await refused(1, 'closed');
    await refused(1, 'archived');
    let version = 1;
    for (const status of ['open', 'closed', 'open', 'closed', 'archived']) {
      const result = await move(staff.token, campaign.id, { version, status });
      expect(result, status).toMatchObject({ status: 200, body: { status, version: version + 1 } });
      version += 1;
    }
    await refused(version, 'open');
    await refused(version, 'draft');
    // The archive is not edited either.
    expect(await update(staff.token, campaign.id, { ...draft(zjg), version })).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION' } },
    });
  });

  it('answers a retried create with the first campaign and stores it once', async () => {
    const county = await freshOrg(zjg, '测试县工会');
    const staff = await freshUser({ roles: ['staff'], orgPath: county });
    const requestId = randomUUID();
    const [first, again] = await Promise.all([
      create(staff.token, draft(county), requestId),
      create(staff.token, draft(county), requestId),
    ]);
    expect(again).toStrictEqual(first);
    const listed = ((await list(staff.token, county)).body as { campaigns: Campaign[] }).campaigns;
    expect(listed.filter((c) => c.orgPath === county)).toHaveLength(1);
    // Another request is another campaign.
    expect((await create(staff.token, draft(county))).status).toBe(201);
    const after = ((await list(staff.token, county)).body as { campaigns: Campaign[] }).campaigns;
    expect(after.filter((c) => c.orgPath === county)).toHaveLength(2);
  });

  it('answers a retried move with the first answer and changes nothing more', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const campaign = await created(staff.token, draft(zjg));
    const first = await move(staff.token, campaign.id, { version: 1, status: 'open' });
    const again = await move(staff.token, campaign.id, { version: 1, status: 'open' });
    expect(again).toStrictEqual(first);
    expect((await getCampaignById(campaign.id))?.version).toBe(2);
  });

  it('lets only one of two racing edits of the same version through', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: zjg });
    const campaign = await created(staff.token, draft(zjg));
    const results = await Promise.all(
      ['甲方案标题写法', '乙方案标题写法'].map((title) =>
        update(staff.token, campaign.id, { ...draft(zjg, { title }), version: 1 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toStrictEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as Campaign;
    expect((await getCampaignById(campaign.id))?.title).toBe(winner.title);
  });
});
