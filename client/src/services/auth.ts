import {
  type DevAccount,
  devLogin,
  health,
  listDevAccounts,
  login,
  logout,
  type Session,
} from '@ankang/shared';
import Taro from '@tarojs/taro';
import { platform } from '../platform';
import { ApiError } from './errors';
import { send } from './http';
import { routes } from './routes';
import { clearSession, getSession, isExpired, saveSession } from './session';
import { clearStationDrafts } from './stationDrafts';
import { clearCachedNearby } from './stationsCache';

/** WeChat: wx.login code → POST /auth/login → our session. */
export async function signInWithWechat(): Promise<Session> {
  let code: string | null;
  try {
    code = await platform.getLoginCode();
  } catch (error) {
    throw new ApiError('WECHAT_UNAVAILABLE', {
      status: 0,
      message: '微信登录失败，请稍后再试',
      cause: error,
    });
  }
  if (!code) throw new ApiError('UNAUTHENTICATED', { message: '当前环境不支持微信登录' });
  const session = await send(login, { body: { code } });
  saveSession(session);
  return session;
}

/** Development login with a seeded demo account (local stack only). */
export async function signInAsDemo(userId: string): Promise<Session> {
  const session = await send(devLogin, { body: { userId } });
  saveSession(session);
  return session;
}

/**
 * Signs out on this device at once — the session and what it cached for this person — then asks
 * the server to revoke the token (POST /auth/logout). Best effort: offline, the local sign-out
 * stands and the token dies when it expires. Sent with `send`, not `call`: on a 401 `call` would
 * sign in again, the opposite of what the person asked for. Never rejects.
 */
export async function signOut(): Promise<void> {
  const session = getSession();
  clearSession();
  clearCachedNearby();
  clearStationDrafts();
  if (!session || isExpired(session)) return;
  try {
    await send(logout, {}, session.token);
  } catch {
    // Offline, or the token was already refused: either way nobody can use it from here.
  }
}

export interface LoginOptions {
  devLogin: boolean;
  accounts: DevAccount[];
}

/** What the login page can offer: demo accounts when the API has development login on. */
export async function fetchLoginOptions(): Promise<LoginOptions> {
  const status = await send(health, {});
  if (!status.devLogin) return { devLogin: false, accounts: [] };
  const { accounts } = await send(listDevAccounts, {});
  return { devLogin: true, accounts };
}

let pending: Promise<Session | null> | null = null;

/**
 * After the server refused our token: on WeChat, sign in again silently (the new session replaces
 * the dead one, so screens do not flash "signed out"); in a browser, forget the token and send the
 * person to the login page. Concurrent callers share one attempt.
 */
export function reauthenticate(): Promise<Session | null> {
  pending ??= (async () => {
    try {
      if (platform.loginMethod === 'wechat') {
        try {
          return await signInWithWechat();
        } catch (error) {
          clearSession();
          throw error;
        }
      }
      clearSession();
      await Taro.navigateTo({ url: routes.login }).catch(() => undefined);
      return null;
    } finally {
      pending = null;
    }
  })();
  return pending;
}
