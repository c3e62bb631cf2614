import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { codeRequests } from '../support/wechatCodes';
import { loginAsDemo, loginWithCode, request } from './http';

const DEMO = 'cp_demo0zjgthis';
const SIP = '320000/320500/320571';
const wechatBase = inject('apiWechatBase');
const codePath = (id: string) => `/staff/campaigns/${id}/signup-code`;

describe('API: a campaign’s sign-up code over HTTP', () => {
  it('gives 张家港 staff the demo campaign’s code for the developer build, and nobody else', async () => {
    const before = (await codeRequests(wechatBase, DEMO)).length;
    const zjg = await loginAsDemo('李敏');

    const result = await request('GET', codePath(DEMO), { token: zjg });

    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toContain('application/json');
    const body = result.body as { image: string; mimeType: string; page: string; scene: string };
    expect({ mimeType: body.mimeType, page: body.page, scene: body.scene }).toStrictEqual({
      mimeType: 'image/png',
      page: 'outreach/pages/signup/index',
      scene: DEMO,
    });
    expect(Buffer.from(body.image, 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const requests = await codeRequests(wechatBase, DEMO);
    expect(requests).toHaveLength(before + 1);
    // serverless.yml runs the local stage as the developer build: codes open the develop version.
    expect(requests.at(-1)!.body).toMatchObject({ scene: DEMO, env_version: 'develop' });

    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    expect(await request('GET', codePath(DEMO), { token: worker })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await request('GET', codePath(DEMO), { token: await loginAsDemo('沈佳怡') })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await request('GET', codePath(DEMO))).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(await codeRequests(wechatBase, DEMO)).toHaveLength(before + 1);
  });

  it('answers 502 WECHAT_UNAVAILABLE when WeChat refuses', async () => {
    const sip = await loginAsDemo('沈佳怡');
    // A draft of its own in 苏州工业园区, so steering the fake to refuse touches no other test.
    const created = await request('POST', '/staff/campaigns', {
      token: sip,
      body: {
        requestId: randomUUID(),
        orgPath: SIP,
        title: '小程序码测试活动',
        season: { from: '2026-06-15', to: '2026-09-15' },
        signup: { from: '2026-06-01', to: '2026-08-31' },
        kinds: [{ code: 'cool', name: '送清凉', items: [{ code: 'water', name: '矿泉水', unit: '箱' }] }],
        targetGroups: ['sanitation'],
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    await fetch(`${inject('apiWechatBase')}/__fake/codes/fail`, {
      method: 'POST',
      body: JSON.stringify({ scene: id, errcode: -1 }),
    });

    expect(await request('GET', codePath(id), { token: sip })).toMatchObject({
      status: 502,
      body: { error: { code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' } },
    });
  });
});
