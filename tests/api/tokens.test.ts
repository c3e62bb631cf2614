import { decodeJwt, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { loginAsDemo, request } from './http';

/**
 * Forged tokens over HTTP, against the deployed pipeline: the tier's API signs with a secret the
 * tests know (tests/support/api.global.ts), so a refusal below is for the one thing each token
 * gets wrong and not for a wrong key. A staff route and a signed-in route, so a token is tried
 * where it would open the most.
 */
const secret = new TextEncoder().encode(inject('apiJwtSecret'));
const routes = [
  ['GET', '/me'],
  ['GET', '/staff/problems'],
] as const;

/** The claims a real token of 李敏 (staff of 张家港) carries, as this stage's API issued them. */
async function realClaims(): Promise<JWTPayload> {
  return decodeJwt(await loginAsDemo('李敏'));
}

const sign = (claims: JWTPayload, key = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);

async function expectRefused(token: string, code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED') {
  for (const [method, path] of routes) {
    const answer = await request(method, path, { token });
    expect({ path, status: answer.status, body: answer.body }).toMatchObject({
      path,
      status: 401,
      body: { error: { code } },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js)|stack|jose|JWS/i);
  }
}

describe('API: tokens', () => {
  it('accepts a token signed here with the claims of a real one (the refusals below are not blind)', async () => {
    const token = await sign(await realClaims());
    for (const [method, path] of routes) expect((await request(method, path, { token })).status).toBe(200);
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const claims = await realClaims();
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(await sign({ ...claims, iat: hourAgo - 600, exp: hourAgo }), 'TOKEN_EXPIRED');
  });

  it('refuses a tampered token: another user or role in the payload, the signature kept', async () => {
    const real = await loginAsDemo('李敏');
    const [header, , signature] = real.split('.');
    const admin = decodeJwt(await loginAsDemo('周建国')).sub;
    const payload = Buffer.from(
      JSON.stringify({ ...decodeJwt(real), sub: admin, roles: ['admin'] }),
    ).toString('base64url');
    await expectRefused(`${header}.${payload}.${signature}`, 'UNAUTHENTICATED');
    // One character of the signature changed.
    const flipped = signature!.slice(0, -2) + (signature!.at(-2) === 'A' ? 'B' : 'A') + signature!.at(-1);
    await expectRefused(`${header}.${real.split('.')[1]}.${flipped}`, 'UNAUTHENTICATED');
  });

  it('refuses an unsigned token (alg none) and one of another algorithm', async () => {
    const claims = await realClaims();
    await expectRefused(new UnsecuredJWT(claims).encode(), 'UNAUTHENTICATED');
    // HS512 with the right secret: only HS256 is ours.
    await expectRefused(
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(secret),
      'UNAUTHENTICATED',
    );
    // alg none written by hand with an empty signature, as attackers send it.
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    await expectRefused(`${header}.${body}.`, 'UNAUTHENTICATED');
  });

  it('refuses a token of another stage, even signed with this stage’s secret', async () => {
    const claims = await realClaims();
    expect(claims.aud).toBe('ankang-app:local');
    await expectRefused(await sign({ ...claims, aud: 'ankang-app:prod' }), 'UNAUTHENTICATED');
    // And a token of this stage signed with another stage's secret.
    await expectRefused(
      await sign(claims, new TextEncoder().encode('another-stage-secret')),
      'UNAUTHENTICATED',
    );
  });
});
