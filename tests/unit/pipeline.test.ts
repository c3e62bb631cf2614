import { defineContract, staffOverRecord } from '@ankang/shared';
import { type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { UserItem } from '../../functions/src/db/users';
import { route } from '../../functions/src/http/route';
import { env } from '../../functions/src/lib/env';
import { AppError } from '../../functions/src/lib/errors';
import { metrics } from '../../functions/src/lib/metrics';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke, lambdaContext } from '../support/events';

// The pipeline reads the caller from the table; here the table is a map.
const users = new Map<string, UserItem>();
vi.mock('../../functions/src/db/users', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../functions/src/db/users')>()),
  getUser: async (id: string) => users.get(id) ?? null,
}));

function user(id: string, roles: UserItem['roles'], orgPath: string | null = null): UserItem {
  return {
    id,
    openid: `o-${id}`,
    nickname: id,
    roles,
    orgPath,
    tokenVersion: 0,
    createdAt: '',
    updatedAt: '',
    version: 1,
  };
}

const echoContract = defineContract({
  name: 'echo',
  summary: 'test route',
  method: 'POST',
  path: '/echo/{id}',
  access: ['staff', 'admin'],
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  body: z.object({ orgPath: z.string(), count: z.number().int().min(1) }),
  output: z.object({ id: z.string(), count: z.number() }),
  errors: ['VERSION_CONFLICT'],
});

const service = vi.fn(async ({ input }: { input: { params: { id: string }; body: { count: number } } }) => ({
  id: input.params.id,
  count: input.body.count,
  secret: 'never leaves',
}));
const handler = route(echoContract, service);

/** The answer without invoke()'s check of declared codes: for the 500s, which no route declares. */
async function invokeUnchecked(event: ReturnType<typeof httpEvent>) {
  const result = await handler(event, lambdaContext);
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

const validBody = { orgPath: '320000/320500/320582/daxin', count: 2 };
const post = (token: string | undefined, body: unknown = validBody, id = '7') =>
  httpEvent({ method: 'POST', path: `/echo/${id}`, token, body, params: { id } });

async function tokenFor(id: string, at = new Date()) {
  return (await issueAccessToken(users.get(id) ?? { id, tokenVersion: 0 }, at)).token;
}

const ourKey = new TextEncoder().encode(process.env.JWT_SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token made by hand: our claims for u_staff, with `changes` applied (undefined drops a claim). */
function handMadeClaims(changes: (now: number) => JWTPayload = () => ({})): JWTPayload {
  const now = nowSeconds();
  const claims = { sub: 'u_staff', iss: 'ankang', aud: 'ankang-app:local', iat: now, exp: now + 3600, tv: 0 };
  return Object.fromEntries(
    Object.entries({ ...claims, ...changes(now) }).filter(([, v]) => v !== undefined),
  );
}

function handMadeToken(changes?: (now: number) => JWTPayload, key = ourKey): Promise<string> {
  return new SignJWT(handMadeClaims(changes)).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

const refused = {
  status: 401,
  body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
};

describe('Pipeline: route()', () => {
  beforeEach(() => {
    users.clear();
    service.mockClear();
    users.set('u_staff', user('u_staff', ['staff'], '320000/320500/320582'));
    users.set('u_worker', user('u_worker', []));
    users.set('u_admin', user('u_admin', ['admin'], '320000'));
  });

  it('runs the service and answers only the output schema fields', async () => {
    const result = await invoke(handler, post(await tokenFor('u_staff')));
    expect(result).toStrictEqual({ status: 200, body: { id: '7', count: 2 } });
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const result = await invoke(handler, post(undefined));
    expect(result).toStrictEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });
    expect(service).not.toHaveBeenCalled();
  });

  it('answers 401 TOKEN_EXPIRED for an expired token', async () => {
    const old = await tokenFor('u_staff', new Date(Date.now() - 3 * 3600_000));
    const result = await invoke(handler, post(old));
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
  });

  it('answers 401 UNAUTHENTICATED for a token signed with another key', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u_admin')
      .setIssuer('ankang')
      .setAudience('ankang-app')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('attacker-secret-attacker-secret-0000'));
    const result = await invoke(handler, post(forged));
    expect(result.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts a hand-made token that keeps every rule (the refusals below are not blind)', async () => {
    const result = await invoke(handler, post(await handMadeToken()));
    expect(result).toStrictEqual({ status: 200, body: { id: '7', count: 2 } });
  });

  it('accepts a token issued a little ahead of our clock (skew between machines)', async () => {
    const token = await handMadeToken((now) => ({ iat: now + 30, exp: now + 30 + 3600 }));
    expect((await invoke(handler, post(token))).status).toBe(200);
  });

  it.each<[string, (now: number) => JWTPayload]>([
    ['without exp', () => ({ exp: undefined })],
    ['without iat', () => ({ iat: undefined })],
    [
      'living longer than TOKEN_TTL_SECONDS',
      (now) => ({ iat: now - 60, exp: now - 60 + env.TOKEN_TTL_SECONDS + 1 }),
    ],
    ['issued in the future', (now) => ({ iat: now + 600, exp: now + 1200 })],
    ['for another audience', () => ({ aud: 'another-app' })],
    // Same secret, same app, another stage (two stages given one secret by mistake).
    ['of another stage', () => ({ aud: 'ankang-app:prod' })],
    ['of no stage (as tokens were before stages were named)', () => ({ aud: 'ankang-app' })],
    ['from another issuer', () => ({ iss: 'someone-else' })],
    ['without a token version', () => ({ tv: undefined })],
    ['with a token version that is not a number', () => ({ tv: '0' })],
  ])('answers 401 UNAUTHENTICATED for a correctly signed token %s', async (_kind, changes) => {
    const result = await invoke(handler, post(await handMadeToken(changes)));
    expect(result).toStrictEqual(refused);
    expect(service).not.toHaveBeenCalled();
  });

  it('answers 401 UNAUTHENTICATED for an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT(handMadeClaims()).encode();
    expect(await invoke(handler, post(unsigned))).toStrictEqual(refused);
    expect(service).not.toHaveBeenCalled();
  });

  it('answers 401 UNAUTHENTICATED for a token issued before the user signed out', async () => {
    const before = await tokenFor('u_staff');
    users.set('u_staff', { ...users.get('u_staff')!, tokenVersion: 1 });
    expect(await invoke(handler, post(before))).toStrictEqual(refused);
    const after = await tokenFor('u_staff');
    expect((await invoke(handler, post(after))).status).toBe(200);
  });

  it('answers 401 when the token names a user who no longer exists', async () => {
    const result = await invoke(handler, post(await tokenFor('u_gone')));
    expect(result).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('answers 403 FORBIDDEN to a role the route does not allow', async () => {
    const result = await invoke(handler, post(await tokenFor('u_worker')));
    expect(result).toStrictEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限' } },
    });
  });

  it.each([
    ['beside', '320000/320500/320571'],
    ['above', '320000/320500'],
  ])('answers 403 OUT_OF_SCOPE to staff acting %s their org', async (_where, orgPath) => {
    const result = await invoke(handler, post(await tokenFor('u_staff'), { ...validBody, orgPath }));
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({
      error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' },
    });
    expect(service).not.toHaveBeenCalled();
  });

  it('lets an admin act in any org', async () => {
    const result = await invoke(
      handler,
      post(await tokenFor('u_admin'), { ...validBody, orgPath: '440000' }),
    );
    expect(result.status).toBe(200);
  });

  it('answers 400 VALIDATION_FAILED listing every field issue with Chinese messages', async () => {
    const result = await invoke(handler, post(await tokenFor('u_staff'), { orgPath: 5, count: 0 }, 'abc'));
    expect(result.status).toBe(400);
    const body = result.body as {
      error: { code: string; details: { issues: { path: string; message: string }[] } };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues.map((issue) => issue.path).sort()).toStrictEqual([
      'body.count',
      'body.orgPath',
      'params.id',
    ]);
    for (const issue of body.error.details.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    expect(service).not.toHaveBeenCalled();
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const event = httpEvent({
      method: 'POST',
      path: '/echo/7',
      token: await tokenFor('u_staff'),
      params: { id: '7' },
    });
    event.body = '{"orgPath": ';
    const result = await invoke(handler, event);
    expect(result).toStrictEqual({
      status: 400,
      body: { error: { code: 'MALFORMED_JSON', message: '请求格式不正确' } },
    });
  });

  it('passes an AppError from the service through with its status and code', async () => {
    service.mockRejectedValueOnce(new AppError('VERSION_CONFLICT', { details: { currentVersion: 4 } }));
    const result = await invoke(handler, post(await tokenFor('u_staff')));
    expect(result).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 4 },
        },
      },
    });
  });

  it('hides an unexpected failure behind a generic 500 with the request id', async () => {
    service.mockRejectedValueOnce(new Error('connection string postgres://secret'));
    const event = post(await tokenFor('u_staff'));
    const result = await invokeUnchecked(event);
    expect(result).toStrictEqual({
      status: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: '服务器开小差了，请稍后再试',
          details: { requestId: event.requestContext.requestId },
        },
      },
    });
  });

  it('treats output that breaks the contract as a server error, not a leak', async () => {
    service.mockResolvedValueOnce({ id: 7 } as never);
    const result = await invokeUnchecked(post(await tokenFor('u_staff')));
    expect(result.status).toBe(500);
    expect(result.body).toMatchObject({ error: { code: 'INTERNAL' } });
  });

  it('counts every error answer by its code (errorAnswered), and a success not at all', async () => {
    const counted: string[] = [];
    const single = vi.spyOn(metrics, 'singleMetric').mockImplementation(() => {
      let code = '';
      return {
        addDimension: (_name: string, value: string) => {
          code = value;
        },
        addMetric: (name: string) => counted.push(`${name} ${code}`),
      } as unknown as ReturnType<typeof metrics.singleMetric>;
    });
    try {
      await invoke(handler, post(undefined));
      await invoke(handler, post(await tokenFor('u_worker')));
      await invoke(handler, post(await tokenFor('u_staff'), { orgPath: '320000/320500/320582', count: 0 }));
      expect(counted).toStrictEqual([
        'errorAnswered UNAUTHENTICATED',
        'errorAnswered FORBIDDEN',
        'errorAnswered VALIDATION_FAILED',
      ]);
      await invoke(handler, post(await tokenFor('u_staff')));
      expect(counted).toHaveLength(3);
    } finally {
      single.mockRestore();
    }
  });
});
