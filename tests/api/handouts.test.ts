import { createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';

/**
 * 清凉码 and hand-outs over real HTTP (serverless-offline on DynamoDB Local, the demo seed): no
 * token, wrong role, forged and oversized codes, copies of one write racing, the allowance. Every
 * refusal is a declared 4xx (request() checks the code against the contract) with a Chinese message.
 */

const DEMO = 'cp_demo0zjgthis';
const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;

const handoutId = () => `ho_${randomUUID().replace(/-/g, '')}`;

/** A fresh worker (a new WeChat user) and their current code. */
async function freshWorkerCode(): Promise<string> {
  const { token } = await loginWithCode(`ok-${randomUUID()}`);
  const result = await request('GET', '/me/cooling-code', { token });
  expect(result.status).toBe(200);
  return (result.body as { code: string }).code;
}

/** A well-formed code signed by a key the server never had (OpenSSL Ed25519, laid out by hand). */
function foreignCode(pseudonym: string, expiresAtMs: number): string {
  const seed = createHash('sha256').update(`attacker-${randomUUID()}`).digest();
  const key = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const message = ['AKC1', 'deadbeef', pseudonym, Math.floor(expiresAtMs / 1000).toString(36)].join('.');
  return `${message}.${sign(null, Buffer.from(message), key).toString('base64url')}`;
}

const body = (code: string, overrides: Record<string, unknown> = {}) => ({
  id: handoutId(),
  campaignId: DEMO,
  code,
  handedAt: new Date().toISOString(),
  place: { type: 'adHoc', orgPath: DAXIN },
  mode: 'live',
  ...overrides,
});

describe('API: 清凉码 and hand-outs', () => {
  it('answers 401 on every route without a token', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/me/cooling-code'],
      ['GET', '/cooling-code/keys'],
      ['POST', '/handouts', body('x')],
      ['GET', `/me/handouts?campaignId=${DEMO}`],
      ['GET', `/staff/campaigns/${DEMO}/handouts`],
      ['POST', `/staff/handouts/${handoutId()}/review`, { version: 1, decision: 'approve' }],
    ];
    for (const [method, path, payload] of calls) {
      const answer = await request(method, path, payload === undefined ? {} : { body: payload });
      expect(answer.status, `${method} ${path}`).toBe(401);
    }
  });

  it('refuses a worker who is no volunteer, and keeps staff routes from workers and other cities', async () => {
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    const code = await freshWorkerCode();
    expectRefused(
      await request('POST', '/handouts', { token: worker, body: body(code) }),
      403,
      'NOT_CAMPAIGN_VOLUNTEER',
    );
    expectRefused(
      await request('GET', `/staff/campaigns/${DEMO}/handouts`, { token: worker }),
      403,
      'FORBIDDEN',
    );
    const sip = await loginAsDemo('沈佳怡');
    expectRefused(
      await request('GET', `/staff/campaigns/${DEMO}/handouts?orgPath=${encodeURIComponent(ZJG)}`, {
        token: sip,
      }),
      403,
      'OUT_OF_SCOPE',
    );
    // Staff of another city recording in 张家港 are out of scope too.
    expectRefused(await request('POST', '/handouts', { token: sip, body: body(code) }), 403, 'OUT_OF_SCOPE');
  });

  it('refuses forged, tampered, foreign and oversized codes, storing nothing', async () => {
    const volunteer = await loginAsDemo('赵磊');
    const code = await freshWorkerCode();
    const pseudonym = code.split('.')[2]!;
    const tampered = `${code.slice(0, -3)}${code.at(-3) === 'A' ? 'B' : 'A'}${code.slice(-2)}`;
    const cases = [
      'not a code at all',
      tampered,
      code.replace(pseudonym, `${pseudonym.slice(0, 31)}${pseudonym.at(-1) === '0' ? '1' : '0'}`),
      foreignCode(pseudonym, Date.now() + 600_000),
    ];
    const ids: string[] = [];
    for (const text of cases) {
      const input = body(text);
      ids.push(input.id);
      expectRefused(
        await request('POST', '/handouts', { token: volunteer, body: input }),
        400,
        'COOLING_CODE_INVALID',
      );
    }
    expectRefused(
      await request('POST', '/handouts', { token: volunteer, body: body('A'.repeat(5000)) }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('POST', '/handouts', {
        token: volunteer,
        body: body(code, { place: { type: 'adHoc', orgPath: 'x'.repeat(3000) } }),
      }),
      400,
      'VALIDATION_FAILED',
    );
    const mine = await request('GET', `/me/handouts?campaignId=${DEMO}`, { token: volunteer });
    const stored = (mine.body as { handouts: { id: string }[] }).handouts.map((h) => h.id);
    for (const id of ids) expect(stored).not.toContain(id);
  });

  it('stores one record for five racing copies, then enforces the allowance of one 清凉包 a day', async () => {
    const volunteer = await loginAsDemo('赵磊');
    const code = await freshWorkerCode();
    const input = body(code);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request('POST', '/handouts', { token: volunteer, body: input })),
    );
    expect(answers.map((a) => a.status)).toStrictEqual([201, 201, 201, 201, 201]);
    for (const answer of answers) expect(answer.body).toStrictEqual(answers[0]!.body);
    expect(answers[0]!.body).toMatchObject({ id: input.id, itemName: '清凉包', countThatDay: 1, flags: [] });

    const mine = await request('GET', `/me/handouts?campaignId=${DEMO}`, { token: volunteer });
    expect(
      (mine.body as { handouts: { id: string }[] }).handouts.filter((h) => h.id === input.id),
    ).toHaveLength(1);

    const second = body(code);
    expectRefused(
      await request('POST', '/handouts', { token: volunteer, body: second }),
      409,
      'ALLOWANCE_EXCEEDED',
    );
    // The same id with other content is a reuse, not a retry.
    expectRefused(
      await request('POST', '/handouts', { token: volunteer, body: { ...input, mode: 'queued' } }),
      409,
      'REQUEST_ID_REUSED',
    );
    // Scanned offline and sent late: kept, flagged, and waiting in the staff's review list.
    const late = body(code, { mode: 'queued' });
    const queued = await request('POST', '/handouts', { token: volunteer, body: late });
    expect(queued.status).toBe(201);
    expect(queued.body).toMatchObject({
      flags: ['overAllowance'],
      review: { status: 'pending' },
      countThatDay: 2,
    });
    const staff = await loginAsDemo('李敏');
    const flagged = await request('GET', `/staff/campaigns/${DEMO}/handouts?flagged=true`, { token: staff });
    expect(flagged.status).toBe(200);
    expect((flagged.body as { handouts: { id: string }[] }).handouts.map((h) => h.id)).toContain(late.id);
  });
});
