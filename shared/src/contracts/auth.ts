import { z } from 'zod';
import { roleSchema, sessionSchema, userIdSchema } from '../schemas/user';
import { anySignedIn, openToAll } from './authz';
import { defineContract } from './define';

export const login = defineContract({
  name: 'login',
  summary: '微信登录：用 wx.login 的 code 换取本服务的登录凭证',
  method: 'POST',
  path: '/auth/login',
  access: 'public',
  authz: openToAll,
  body: z.object({
    code: z.string().trim().min(1, '缺少登录凭证').max(128, '登录凭证过长'),
  }),
  output: sessionSchema,
  errors: ['WECHAT_CODE_INVALID', 'WECHAT_RATE_LIMITED', 'WECHAT_USER_BLOCKED', 'WECHAT_UNAVAILABLE'],
});

export const logout = defineContract({
  name: 'logout',
  summary: '退出登录：此前签发给本人的登录凭证全部立即失效',
  method: 'POST',
  path: '/auth/logout',
  access: ['worker'],
  authz: anySignedIn,
  output: z.object({ signedOut: z.literal(true) }),
  errors: [],
});

export const devAccountSchema = z.object({
  userId: userIdSchema,
  nickname: z.string(),
  roles: z.array(roleSchema),
  orgName: z.string().nullable(),
});
export type DevAccount = z.infer<typeof devAccountSchema>;

export const listDevAccounts = defineContract({
  name: 'listDevAccounts',
  summary: '开发登录可选的演示账号（仅本地环境）',
  method: 'GET',
  path: '/auth/dev-accounts',
  access: 'public',
  authz: openToAll,
  output: z.object({ accounts: z.array(devAccountSchema) }),
  errors: ['DEV_LOGIN_DISABLED'],
});

export const devLogin = defineContract({
  name: 'devLogin',
  summary: '以演示账号登录（仅本地环境）',
  method: 'POST',
  path: '/auth/dev-login',
  access: 'public',
  authz: openToAll,
  body: z.object({ userId: userIdSchema }),
  output: sessionSchema,
  errors: ['DEV_LOGIN_DISABLED', 'USER_NOT_FOUND'],
});
