import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bumpTokenVersion, getUser } from '../../functions/src/db/users';
import { handler as devLogin } from '../../functions/src/handlers/devLogin';
import { handler as getMe } from '../../functions/src/handlers/getMe';
import { handler as listDevAccounts } from '../../functions/src/handlers/listDevAccounts';
import { handler as login } from '../../functions/src/handlers/login';
import { handler as logout } from '../../functions/src/handlers/logout';
import { userIdForOpenid } from '../../functions/src/lib/ids';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';

const loginWith = (code: string) =>
  invoke(login, httpEvent({ method: 'POST', path: '/auth/login', body: { code } }));

describe('Handler: login', () => {
  it('creates the user on first login and returns a session without the session_key', async () => {
    const code = `ok-${randomUUID()}`;
    const result = await loginWith(code);
    const userId = userIdForOpenid(`openid-${code}`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      token: expect.any(String),
      me: { id: userId, roles: ['worker'], org: null, nickname: `微信用户${userId.slice(-4)}` },
    });
    expect(JSON.stringify(result.body)).not.toContain('SECRET-SESSION-KEY');
    expect(await getUser(userId)).toMatchObject({ openid: `openid-${code}`, version: 1 });
  });

  it('lands a repeated login on the same user without bumping its version', async () => {
    const code = `ok-${randomUUID()}`;
    const [first, second] = await Promise.all([loginWith(code), loginWith(code)]);
    const third = await loginWith(code);
    const ids = [first, second, third].map((r) => (r.body as { me: { id: string } }).me.id);
    expect(new Set(ids).size).toBe(1);
    expect((await getUser(ids[0]!))?.version).toBe(1);
  });

  it.each([
    ['invalid-x', 401, 'WECHAT_CODE_INVALID'],
    ['busy-x', 429, 'WECHAT_RATE_LIMITED'],
    ['risky-x', 403, 'WECHAT_USER_BLOCKED'],
    ['down-x', 502, 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat answer for %s to %i %s', async (code, status, errorCode) => {
    const result = await loginWith(code);
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({
      error: { code: errorCode, message: expect.stringMatching(/[\u4e00-\u9fff]/) },
    });
  });
});

describe('Handler: getMe', () => {
  it('describes a staff member with their org and its chain from the province down', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320582/daxin' });
    const result = await invoke(getMe, httpEvent({ path: '/me', token: staff.token }));
    expect(result).toStrictEqual({
      status: 200,
      body: {
        id: staff.userId,
        nickname: '测试用户',
        roles: ['worker', 'staff'],
        org: {
          path: '320000/320500/320582/daxin',
          name: '大新镇工会',
          region: '大新镇',
          chain: ['江苏省总工会', '苏州市总工会', '张家港市总工会', '大新镇工会'],
        },
      },
    });
  });
});

describe('Handler: development login', () => {
  it('lists the seeded demo accounts, admins and staff first', async () => {
    const result = await invoke(listDevAccounts, httpEvent({ path: '/auth/dev-accounts' }));
    const accounts = (
      result.body as { accounts: { nickname: string; roles: string[]; orgName: string | null }[] }
    ).accounts;
    expect(result.status).toBe(200);
    expect(accounts.length).toBe(13);
    expect(accounts[0]).toMatchObject({ nickname: '周建国', roles: ['worker', 'admin'] });
    expect(accounts).toContainEqual(
      expect.objectContaining({ nickname: '李敏', roles: ['worker', 'staff'], orgName: '张家港市总工会' }),
    );
  });

  it('signs in as a demo account but refuses any real user', async () => {
    const accounts = await invoke(listDevAccounts, httpEvent({ path: '/auth/dev-accounts' }));
    const demo = (accounts.body as { accounts: { userId: string }[] }).accounts[0]!;
    const ok = await invoke(
      devLogin,
      httpEvent({ method: 'POST', path: '/auth/dev-login', body: { userId: demo.userId } }),
    );
    expect(ok.status).toBe(200);

    const real = await freshUser();
    const refused = await invoke(
      devLogin,
      httpEvent({ method: 'POST', path: '/auth/dev-login', body: { userId: real.userId } }),
    );
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'USER_NOT_FOUND' } } });
  });
});

describe('Handler: logout', () => {
  const meWith = (token: string) => invoke(getMe, httpEvent({ path: '/me', token }));
  const logoutWith = (token?: string) =>
    invoke(logout, httpEvent({ method: 'POST', path: '/auth/logout', token }));

  it('revokes the token at once; a new login works', async () => {
    // Arrange
    const code = `ok-${randomUUID()}`;
    const first = (await loginWith(code)).body as { token: string; me: { id: string } };
    expect((await meWith(first.token)).status).toBe(200);

    // Act
    const result = await logoutWith(first.token);

    // Assert
    expect(result).toStrictEqual({ status: 200, body: { signedOut: true } });
    expect(await meWith(first.token)).toStrictEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });
    expect(await logoutWith(first.token)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    // The token version moved; the version guarding role edits did not.
    expect(await getUser(first.me.id)).toMatchObject({ tokenVersion: 1, version: 1 });
    const second = (await loginWith(code)).body as { token: string };
    expect((await meWith(second.token)).status).toBe(200);
  });

  it('revokes every token the user holds (all devices), not only the one signing out', async () => {
    const code = `ok-${randomUUID()}`;
    const phone = (await loginWith(code)).body as { token: string };
    const browser = (await loginWith(code)).body as { token: string };

    await logoutWith(phone.token);

    expect((await meWith(browser.token)).status).toBe(401);
  });

  it('counts concurrent sign-outs of one user each (atomic ADD)', async () => {
    const user = await freshUser();
    const at = new Date();
    const versions = await Promise.all([1, 2, 3].map(() => bumpTokenVersion(user.userId, at)));
    expect(versions.sort()).toStrictEqual([1, 2, 3]);
    expect((await getUser(user.userId))?.tokenVersion).toBe(3);
    expect(await bumpTokenVersion(`u_missing_${randomUUID()}`, at)).toBeNull();
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    expect(await logoutWith()).toStrictEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });
  });
});
