import type { DevAccount, Session } from '@ankang/shared';
import { getOrgs } from '../db/orgs';
import { bumpTokenVersion, getUser, listDemoUsers, upsertUserOnLogin } from '../db/users';
import { now } from '../lib/clock';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { userIdForOpenid } from '../lib/ids';
import { type Caller, rolesOf } from './caller';
import { openSession } from './session';
import { exchangeLoginCode } from './wechat';

/** WeChat login: code → openid → the user (created on first login) → our session. */
export async function loginWithWechatCode(code: string): Promise<Session> {
  const { openid, unionid } = await exchangeLoginCode(code);
  const userId = userIdForOpenid(openid);
  const at = now();
  const user = await upsertUserOnLogin({
    userId,
    openid,
    unionid,
    defaultNickname: `微信用户${userId.slice(-4)}`,
    at,
  });
  return openSession(user, at);
}

/**
 * Sign-out: every access token issued to the caller so far stops working at once (on every device;
 * tokens are not tracked one by one). The next login issues tokens with the new version.
 */
export async function signOut(caller: Caller): Promise<{ signedOut: true }> {
  await bumpTokenVersion(caller.userId, now());
  return { signedOut: true };
}

function assertDevLoginEnabled(): void {
  // Two locks: the env schema refuses DEV_LOGIN outside the local stage, and this checks both again.
  if (!env.DEV_LOGIN || env.STAGE !== 'local') throw new AppError('DEV_LOGIN_DISABLED');
}

export async function listDevAccounts(): Promise<{ accounts: DevAccount[] }> {
  assertDevLoginEnabled();
  const users = await listDemoUsers();
  const orgPaths = [...new Set(users.flatMap((user) => (user.orgPath ? [user.orgPath] : [])))];
  const orgNames = new Map((await getOrgs(orgPaths)).map((org) => [org.path, org.name]));
  const accounts = users.map((user) => ({
    userId: user.id,
    nickname: user.nickname,
    roles: rolesOf(user),
    orgName: user.orgPath ? (orgNames.get(user.orgPath) ?? null) : null,
  }));
  const rank = (account: DevAccount) =>
    ['admin', 'staff', 'volunteer', 'worker'].findIndex((role) => account.roles.includes(role as never));
  return {
    accounts: accounts.sort((a, b) => rank(a) - rank(b) || a.nickname.localeCompare(b.nickname, 'zh')),
  };
}

/** Signs in as a seeded demo account. Only the local stage with the flag on has this. */
export async function loginAsDemoUser(userId: string): Promise<Session> {
  assertDevLoginEnabled();
  const user = await getUser(userId);
  if (!user?.demo) throw new AppError('USER_NOT_FOUND');
  return openSession(user, now());
}
