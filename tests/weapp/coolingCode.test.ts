import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { Campaign, Handout } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { campaign, campaignId, daxin, shanghaiDay, volunteerSignup } from './outreachFixtures';
import { openAs, requestsTo, resetPagesEachTest, sent, text } from './outreachPages';
import { findByText, routes, settled, tap, waitFor, wx } from './simulate';

/** WeChat's camera scanner and network type, stood in for before the app boots (Taro binds wx then). */
const scanner: { next: string | null; network: string } = { next: null, network: 'wifi' };
Object.assign(wx, {
  scanCode: vi.fn((options: { success?: (r: object) => void; fail?: (e: object) => void }) => {
    const result = scanner.next;
    setTimeout(() => {
      if (result === null) options.fail?.({ errMsg: 'scanCode:fail cancel' });
      else options.success?.({ result, scanType: 'QR_CODE', errMsg: 'scanCode:ok' });
    }, 0);
  }),
  getNetworkType: vi.fn((options: { success?: (r: object) => void }) => {
    setTimeout(() => options.success?.({ networkType: scanner.network, errMsg: 'getNetworkType:ok' }), 0);
  }),
});

/** A real Ed25519 key (Node's OpenSSL), laid out by hand as the server does: not the code under test. */
const seed = createHash('sha256').update('weapp-test-cooling-key').digest();
const privateKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
  format: 'der',
  type: 'pkcs8',
});
const publicKey = String(createPublicKey(privateKey).export({ format: 'jwk' }).x);
const keyId = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 8);
const pseudonym = 'c0ffee00112233445566778899aabbcc';

function code(expiresAtMs: number, who = pseudonym): string {
  const message = ['AKC1', keyId, who, Math.floor(expiresAtMs / 1000).toString(36)].join('.');
  return `${message}.${sign(null, Buffer.from(message), privateKey).toString('base64url')}`;
}

/** 18:07 style, in China time, as the page must print it. */
const clockOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);

function coolingCampaign(perWorkerPerDay = 1): Campaign {
  const base = campaign();
  base.kinds[0]!.items.push({ code: 'cool-pack', name: '清凉包', unit: '份', unitCostFen: 3500 });
  return { ...base, coolingAllowance: { kind: 'cool', item: 'cool-pack', perWorkerPerDay } };
}

resetPagesEachTest(() => {
  scanner.next = null;
  scanner.network = 'wifi';
});

describe('Page: 清凉码 (worker)', () => {
  it('draws the QR code of the current code with its expiry, and fetches a new one on 刷新', async () => {
    const first = Date.now() + 600_000;
    const second = first + 60_000;
    let expiry = first;
    routes.set('GET /me/cooling-code', () => ({
      statusCode: 200,
      data: {
        code: code(expiry),
        expiresAt: new Date(expiry).toISOString(),
        refreshAt: new Date(expiry - 120_000).toISOString(),
      },
    }));
    const page = openAs('worker', 'outreach/pages/cooling/index');

    await waitFor(() => text(page).includes(`有效至 ${clockOf(first)}`));
    // A version-8 QR code has hundreds of dark runs; an empty or failed draw has none.
    expect(page.dom.querySelectorAll('[class*="cooling-qr__run"]').length).toBeGreaterThan(100);
    expect(text(page)).toContain('不含您的姓名、微信号或手机号');

    expiry = second;
    // A NutUI button ignores taps while it shows loading (as it does for a person): tap once idle.
    await settled(page);
    const refresh = await waitFor(() => {
      const button = findByText(page.dom, '刷新清凉码', 'wx-button');
      return button && !button.className.includes('nut-button-loading') ? button : null;
    });
    const fetchedBefore = requestsTo('GET', '/me/cooling-code').length;
    tap(refresh);
    await waitFor(() => text(page).includes(`有效至 ${clockOf(second)}`));
    // The tap fetched exactly once more (the page may also have refreshed by itself on show).
    expect(requestsTo('GET', '/me/cooling-code')).toHaveLength(fetchedBefore + 1);
  });

  it('asks a signed-out visitor to sign in and fetches no code', async () => {
    const page = openAs(null, 'outreach/pages/cooling/index');
    await waitFor(() => text(page).includes('请先登录'));
    expect(requestsTo('GET', '/me/cooling-code')).toHaveLength(0);
  });
});

describe('Page: 扫码发放 (volunteer)', () => {
  function serve(
    perDay: number,
    answer: (body: Record<string, unknown>) => { statusCode: number; data: unknown },
  ) {
    routes.set('GET /me/volunteer-signups', () => ({
      statusCode: 200,
      data: { signups: [volunteerSignup({ status: 'approved', districts: [daxin] })] },
    }));
    routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: coolingCampaign(perDay) }));
    routes.set('GET /cooling-code/keys', () => ({
      statusCode: 200,
      data: { keys: [{ id: keyId, publicKey }] },
    }));
    routes.set('GET /me/handouts', () => ({ statusCode: 200, data: { handouts: [], nextCursor: null } }));
    routes.set('POST /handouts', (options) => answer(sent(options) as Record<string, unknown>));
  }

  const stored = (body: Record<string, unknown>, countThatDay: number): Handout => ({
    id: String(body.id),
    campaignId,
    workerTag: pseudonym.slice(0, 6),
    kind: 'cool',
    item: 'cool-pack',
    itemName: '清凉包',
    unit: '份',
    quantity: 1,
    moneyFen: 3500,
    handedAt: String(body.handedAt),
    date: shanghaiDay(0),
    place: { type: 'adHoc' },
    placeName: '大新镇工会',
    orgPath: daxin,
    recorderName: '刘建华',
    mode: 'live',
    countThatDay,
    flags: [],
    review: { status: 'none' },
    version: 1,
    createdAt: String(body.handedAt),
  });

  async function scanWith(page: ReturnType<typeof openAs>, scanned: string) {
    scanner.next = scanned;
    tap(findByText(page.dom, '扫码', 'wx-button')!);
  }

  it('checks a code on the phone, records it live, and shows the server refusing one over the allowance', async () => {
    let count = 0;
    serve(1, (body) => {
      count += 1;
      return count === 1
        ? { statusCode: 201, data: stored(body, 1) }
        : {
            statusCode: 409,
            data: {
              error: { code: 'ALLOWANCE_EXCEEDED', message: '该职工今日已领 1 份，已达每人每天 1 份的额度' },
            },
          };
    });
    const page = openAs('volunteer', 'volunteer/pages/scan/index');
    await waitFor(() => text(page).includes('每人每天 1 份'));

    const scanned = code(Date.now() + 600_000);
    await scanWith(page, scanned);
    await waitFor(() => text(page).includes('有效'));
    expect(text(page)).toContain(`职工编号 ${pseudonym.slice(0, 6)}`);
    expect(text(page)).toContain('本机记录今日已发 0 份');
    tap(findByText(page.dom, '记录发放 1 份清凉包', 'wx-button')!);
    await waitFor(() => text(page).includes('已记录，可以发放'));
    const [first] = requestsTo('POST', '/handouts');
    expect(sent(first)).toMatchObject({
      campaignId,
      mode: 'live',
      place: { type: 'adHoc', orgPath: daxin },
      code: scanned,
    });
    expect(String(sent(first).id)).toMatch(/^ho_[0-9a-f]{32}$/);

    // The same worker again: the phone warns from its own count, and the server says no.
    await scanWith(page, code(Date.now() + 600_000));
    await waitFor(() => text(page).includes('今日额度可能已领完'));
    tap(findByText(page.dom, '记录发放 1 份清凉包', 'wx-button')!);
    await waitFor(() => text(page).includes('已达每人每天 1 份的额度，请勿再发放'));
    expect(requestsTo('POST', '/handouts')).toHaveLength(2);
  });

  it('tells an expired code and a forged one apart, and records neither', async () => {
    serve(2, (body) => ({ statusCode: 201, data: stored(body, 1) }));
    const page = openAs('volunteer', 'volunteer/pages/scan/index');
    await waitFor(() => text(page).includes('每人每天 2 份'));

    await scanWith(page, code(Date.now() - 10 * 60_000));
    await waitFor(() => text(page).includes('已过期'));
    expect(text(page)).toContain('请职工刷新清凉码');

    const good = code(Date.now() + 600_000);
    const forged = good.replace(pseudonym, `${pseudonym.slice(0, 31)}d`);
    await scanWith(page, forged);
    await waitFor(() => text(page).includes('清凉码被改动或伪造'));
    expect(findByText(page.dom, '记录发放', 'wx-button')).toBeNull();
    expect(requestsTo('POST', '/handouts')).toHaveLength(0);
  });

  it('saves a scan made without signal as queued and says it will upload later', async () => {
    serve(2, () => ({ statusCode: 503, data: { error: { code: 'INTERNAL', message: '服务暂不可用' } } }));
    const page = openAs('volunteer', 'volunteer/pages/scan/index');
    await waitFor(() => text(page).includes('每人每天 2 份'));
    scanner.network = 'none';

    await scanWith(page, code(Date.now() + 600_000));
    await waitFor(() => findByText(page.dom, '记录发放 1 份清凉包', 'wx-button'));
    tap(findByText(page.dom, '记录发放 1 份清凉包', 'wx-button')!);
    await waitFor(() => text(page).includes('无网络：已保存，联网后自动上传'));
    await waitFor(() => requestsTo('POST', '/handouts').length > 0);
    expect(sent(requestsTo('POST', '/handouts')[0])).toMatchObject({ mode: 'queued' });
    expect(text(page)).toContain('本机发放记录');
  });
});

describe('Page: 超额发放审核 (staff)', () => {
  const flagged = (status: 'pending' | 'approved', version: number) => ({
    id: 'ho_0000000000000000000000000000demo',
    campaignId,
    workerTag: pseudonym.slice(0, 6),
    kind: 'cool',
    item: 'cool-pack',
    itemName: '清凉包',
    unit: '份',
    quantity: 1,
    moneyFen: 3500,
    handedAt: `${shanghaiDay(-1)}T07:30:00.000Z`,
    date: shanghaiDay(-1),
    place: { type: 'adHoc' },
    placeName: '大新镇工会',
    orgPath: daxin,
    recorderName: '赵磊',
    mode: 'queued',
    countThatDay: 2,
    flags: ['overAllowance'],
    review:
      status === 'pending' ? { status } : { status, reviewerName: '李敏', at: new Date().toISOString() },
    version,
    createdAt: `${shanghaiDay(-1)}T09:00:00.000Z`,
  });

  it('lists the flagged hand-outs of the campaign and confirms one with the version it showed', async () => {
    routes.set(`GET /staff/campaigns/${campaignId}/handouts`, () => ({
      statusCode: 200,
      data: { handouts: [flagged('pending', 1)], nextCursor: null },
    }));
    routes.set(`POST /staff/handouts/${flagged('pending', 1).id}/review`, () => ({
      statusCode: 200,
      data: flagged('approved', 2),
    }));
    const page = openAs('staffZjg', 'staff/pages/handouts/index', { campaign: campaignId });

    await waitFor(() => text(page).includes(`职工 ${pseudonym.slice(0, 6)} · 清凉包 1 份`));
    expect(text(page)).toContain('当日第 2 份');
    expect(text(page)).toContain('待审核');
    const [listed] = requestsTo('GET', `/staff/campaigns/${campaignId}/handouts`);
    expect(new URL(listed!.url).searchParams.get('flagged')).toBe('true');

    tap(findByText(page.dom, '确认', 'wx-button')!);
    await waitFor(() => text(page).includes('已确认'));
    expect(sent(requestsTo('POST', `/staff/handouts/${flagged('pending', 1).id}/review`)[0])).toStrictEqual({
      decision: 'approve',
      version: 1,
    });
    expect(findByText(page.dom, '撤销', 'wx-button')).toBeNull();
  });
});
