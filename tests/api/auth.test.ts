import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loginWithCode, request } from './http';

describe('API: POST /auth/login and GET /me over HTTP', () => {
  it('logs in with a WeChat code and reads the profile with the token', async () => {
    const session = await loginWithCode(`ok-${randomUUID()}`);
    const me = await request('GET', '/me', { token: session.token });
    expect(me.status).toBe(200);
    expect(me.body).toStrictEqual({
      id: session.me.id,
      // A new WeChat user is 微信用户 and the last four characters of their id until they set a name.
      nickname: `微信用户${session.me.id.slice(-4)}`,
      roles: ['worker'],
      org: null,
    });
    expect(JSON.stringify(session)).not.toContain('SECRET-SESSION-KEY');
  });

  it.each([
    ['invalid-code', 401, 'WECHAT_CODE_INVALID'],
    ['busy-code', 429, 'WECHAT_RATE_LIMITED'],
    ['risky-code', 403, 'WECHAT_USER_BLOCKED'],
  ])('answers WeChat code %s with %i %s', async (code, status, errorCode) => {
    const result = await request('POST', '/auth/login', { body: { code } });
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ error: { code: errorCode } });
  });

  it('answers 400 VALIDATION_FAILED with the field for a missing code', async () => {
    const result = await request('POST', '/auth/login', { body: {} });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        // A missing field gets zod's own Chinese message (the contract words only a blank code).
        details: { issues: [{ path: 'body.code', message: '无效输入：期望 string，实际接收 undefined' }] },
      },
    });
  });

  it('answers 400 MALFORMED_JSON for a broken body', async () => {
    const result = await request('POST', '/auth/login', { rawBody: '{"code":' });
    expect(result).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_JSON' } } });
  });

  it('answers 401 without a token and with a garbage one', async () => {
    expect(await request('GET', '/me')).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    const garbage = await request('GET', '/me', { token: 'not.a.jwt' });
    expect(garbage).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('carries a request id on every answer', async () => {
    const result = await request('GET', '/health');
    expect(result.status).toBe(200);
    expect(result.headers.get('x-request-id')).toBeTruthy();
    expect(result.body).toMatchObject({ status: 'ok', stage: 'local', devLogin: true });
  });

  it('admits the configured H5 origin across origins (CORS), and no other', async () => {
    const { inject } = await import('vitest');
    const preflight = (origin: string) =>
      fetch(`${inject('apiBase')}/me`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const admitted = await preflight(inject('apiCorsOrigin'));
    expect(admitted.status).toBeLessThan(300);
    expect(admitted.headers.get('access-control-allow-origin')).toBe(inject('apiCorsOrigin'));
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:10086',
      'https://h5.ankang.test.evil.example',
    ]) {
      const refused = await preflight(origin);
      expect({ origin, allowed: refused.headers.get('access-control-allow-origin') }).toStrictEqual({
        origin,
        allowed: null,
      });
    }
    // Only the preflight is held to it: the app sends a token (Authorization), so a browser always asks
    // first. serverless-offline echoes any Origin on the answer itself, which API Gateway does not.
  });
});

describe('API: POST /auth/logout over HTTP', () => {
  it('revokes the token at once; the same token is refused and a new login works', async () => {
    // Arrange
    const code = `ok-${randomUUID()}`;
    const session = await loginWithCode(code);
    expect((await request('GET', '/me', { token: session.token })).status).toBe(200);

    // Act
    const result = await request('POST', '/auth/logout', { token: session.token });

    // Assert
    expect({ status: result.status, body: result.body }).toStrictEqual({
      status: 200,
      body: { signedOut: true },
    });
    expect(await request('GET', '/me', { token: session.token })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });
    const again = await loginWithCode(code);
    expect(again.me.id).toBe(session.me.id);
    expect((await request('GET', '/me', { token: again.token })).status).toBe(200);
  });
});

describe('API: response headers', () => {
  it('marks JSON answers nosniff on success and on refusal', async () => {
    const ok = await request('GET', '/health');
    const refused = await request('GET', '/me', { token: 'not.a.jwt' });
    const invalid = await request('POST', '/auth/login', { body: {} });
    expect([ok.status, refused.status, invalid.status]).toStrictEqual([200, 401, 400]);
    for (const answer of [ok, refused, invalid]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
  });
});
