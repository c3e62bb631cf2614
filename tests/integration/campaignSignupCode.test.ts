import { randomUUID } from 'node:crypto';
import type { Campaign, CampaignDraftInput } from '@ankang/shared';
import { describe, expect, inject, it } from 'vitest';
import { handler as createCampaign } from '../../functions/src/handlers/createCampaign';
import { handler as getCampaignSignupCode } from '../../functions/src/handlers/getCampaignSignupCode';
import { handler as setCampaignStatus } from '../../functions/src/handlers/setCampaignStatus';
import { httpEvent, invoke } from '../support/events';
import { codeRequests } from '../support/wechatCodes';
import { freshOrg, freshUser } from './fixtures';

const wechat = inject('wechatApiBase');
const zjg = '320000/320500/320582';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const draft = (orgPath: string): CampaignDraftInput => ({
  orgPath,
  title: '2026年夏季安康“三送”活动',
  season: { from: '2026-06-15', to: '2026-09-15' },
  signup: { from: '2026-06-01', to: '2026-08-31' },
  kinds: [{ code: 'cool', name: '送清凉', items: [{ code: 'water', name: '矿泉水', unit: '箱' }] }],
  targetGroups: ['sanitation'],
});

const code = (token: string, id: string) =>
  invoke(
    getCampaignSignupCode,
    httpEvent({ path: `/staff/campaigns/${id}/signup-code`, token, params: { id } }),
  );

async function campaignIn(token: string, orgPath: string): Promise<Campaign> {
  const result = await invoke(
    createCampaign,
    httpEvent({
      method: 'POST',
      path: '/staff/campaigns',
      token,
      body: { ...draft(orgPath), requestId: randomUUID() },
    }),
  );
  expect(result.status).toBe(201);
  return result.body as Campaign;
}

async function moved(token: string, campaign: Campaign, status: Campaign['status']): Promise<Campaign> {
  const { id } = campaign;
  const result = await invoke(
    setCampaignStatus,
    httpEvent({
      method: 'POST',
      path: `/staff/campaigns/${id}/status`,
      token,
      params: { id },
      body: { version: campaign.version, status },
    }),
  );
  expect(result.status).toBe(200);
  return result.body as Campaign;
}

async function setup() {
  const county = await freshOrg(zjg, '测试县工会');
  const staff = await freshUser({ roles: ['staff'], orgPath: county });
  const campaign = await moved(staff.token, await campaignIn(staff.token, county), 'open');
  return { county, staff, campaign };
}

describe('Handler: getCampaignSignupCode', () => {
  it('answers the PNG WeChat made for the campaign, having asked for the sign-up page with its id', async () => {
    const { staff, campaign } = await setup();

    const result = await code(staff.token, campaign.id);

    expect(result.status).toBe(200);
    const body = result.body as { image: string; mimeType: string; page: string; scene: string };
    expect({ ...body, image: '…' }).toStrictEqual({
      image: '…',
      mimeType: 'image/png',
      page: 'outreach/pages/signup/index',
      scene: campaign.id,
    });
    const bytes = Buffer.from(body.image, 'base64');
    expect([...bytes.subarray(0, 8)]).toStrictEqual(PNG_SIGNATURE);
    // The fake writes the scene it was asked for into the image: this image is this campaign's.
    expect(bytes.toString('latin1')).toContain(`scene=${campaign.id}`);
    const requests = await codeRequests(wechat, campaign.id);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toStrictEqual({
      scene: campaign.id,
      page: 'outreach/pages/signup/index',
      check_path: false,
      // The tests' functions run with WECHAT_MINIPROGRAM_STATE unset: the released build.
      env_version: 'release',
      width: 430,
    });
  });

  it('makes codes for drafts (posters printed ahead) but not once sign-up has closed', async () => {
    const county = await freshOrg(zjg, '测试县工会');
    const staff = await freshUser({ roles: ['staff'], orgPath: county });
    const campaign = await campaignIn(staff.token, county);
    expect((await code(staff.token, campaign.id)).status).toBe(200);

    const closed = await moved(staff.token, await moved(staff.token, campaign, 'open'), 'closed');
    expect(await code(staff.token, closed.id)).toStrictEqual({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: '当前状态下不能执行此操作' } },
    });
    // The draft's one request, nothing for the closed campaign.
    expect(await codeRequests(wechat, campaign.id)).toHaveLength(1);
  });

  it('refuses staff of another union and admits the unions above', async () => {
    const { county, campaign } = await setup();
    const beside = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320571' });
    const below = await freshUser({ roles: ['staff'], orgPath: await freshOrg(county, '测试镇工会') });
    const above = await freshUser({ roles: ['staff'], orgPath: '320000/320500' });
    const worker = await freshUser();

    for (const outsider of [beside, below]) {
      expect(await code(outsider.token, campaign.id)).toStrictEqual({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
      });
    }
    expect(await code(worker.token, campaign.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await codeRequests(wechat, campaign.id)).toHaveLength(0);
    expect((await code(above.token, campaign.id)).status).toBe(200);
  });

  it('answers CAMPAIGN_NOT_FOUND for a campaign that does not exist', async () => {
    const staff = await freshUser({ roles: ['admin'] });
    const missing = `cp_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    expect(await code(staff.token, missing)).toStrictEqual({
      status: 404,
      body: { error: { code: 'CAMPAIGN_NOT_FOUND', message: '未找到该活动' } },
    });
    expect(await codeRequests(wechat, missing)).toHaveLength(0);
  });

  it('answers WECHAT_UNAVAILABLE when WeChat refuses to make the code', async () => {
    const { staff, campaign } = await setup();
    await fetch(`${wechat}/__fake/codes/fail`, {
      method: 'POST',
      body: JSON.stringify({ scene: campaign.id, errcode: 45009 }),
    });

    const result = await code(staff.token, campaign.id);

    expect(result).toMatchObject({
      status: 502,
      body: { error: { code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' } },
    });
    // A refusal other than a stale token is not retried.
    expect(await codeRequests(wechat, campaign.id)).toHaveLength(1);
  });

  it('fetches a new access token once when WeChat no longer accepts the cached one', async () => {
    const { staff, campaign } = await setup();
    expect((await code(staff.token, campaign.id)).status).toBe(200);
    await fetch(`${wechat}/__fake/revoke-tokens`, { method: 'POST', body: '{}' });

    const result = await code(staff.token, campaign.id);

    expect(result.status).toBe(200);
    // The refused attempt stops at the token check; the retry carries a token issued after it.
    const requests = await codeRequests(wechat, campaign.id);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.accessToken).not.toBe(requests[0]!.accessToken);
  });
});
