import { z } from 'zod';
import { orgPathSchema } from './org';

/** `worker` is every signed-in user; the others are granted. */
export const roleSchema = z.enum(['worker', 'volunteer', 'staff', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  worker: '职工',
  volunteer: '志愿者',
  staff: '工会干部',
  admin: '管理员',
};

export const userIdSchema = z.string().regex(/^u_[0-9a-z]{20,32}$/, '用户编号格式不正确');

/** The signed-in user as the client sees them (`GET /me`). */
export const meSchema = z.object({
  id: userIdSchema,
  nickname: z.string(),
  roles: z.array(roleSchema),
  org: z
    .object({
      path: orgPathSchema,
      name: z.string(),
      /** The district or town it serves, e.g. 张家港市. */
      region: z.string(),
      /** Names from the root down to this node, e.g. 江苏省总工会 › 苏州市总工会. */
      chain: z.array(z.string()),
    })
    .nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  /** ISO time the token stops working; the client re-logs in after it. */
  expiresAt: z.string(),
  me: meSchema,
});
export type Session = z.infer<typeof sessionSchema>;
