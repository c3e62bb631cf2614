import { randomUUID } from 'node:crypto';
import { listAdmins } from '../db/roleHolders';
import type { Caller } from './caller';
import { createInvite } from './invites';

/**
 * Who an operator's bootstrap invite is made by: no person signs in for it, so the grant it leads
 * to is recorded as given by the command (a user id no openid maps to: ids are hex of a hash).
 */
export const BOOTSTRAP_ACTOR: Caller = {
  userId: `u_${'0'.repeat(24)}`,
  nickname: '管理员初始化命令',
  roles: ['worker', 'admin'],
  orgPath: null,
};

/** A bootstrap invite is opened the same day, by the operator's colleague: one day is enough. */
const BOOTSTRAP_DAYS = 1;

export type BootstrapResult =
  | { kind: 'refused'; admins: { userId: string; nickname: string }[] }
  | { kind: 'created'; code: string; path: string; expiresAt: string };

/**
 * The first admin of a stage: a one-time admin invite, made unless an admin exists already (then
 * only with `force`, e.g. when every admin has left). Whoever opens it in the mini-program and
 * accepts becomes admin, through the same accept as every invite.
 */
export async function bootstrapAdminInvite(options: { force: boolean }): Promise<BootstrapResult> {
  const { holders } = await listAdmins(5);
  if (holders.length > 0 && !options.force) {
    return { kind: 'refused', admins: holders.map((user) => ({ userId: user.id, nickname: user.nickname })) };
  }
  const created = await createInvite(BOOTSTRAP_ACTOR, {
    requestId: randomUUID(),
    role: 'admin',
    validDays: BOOTSTRAP_DAYS,
  });
  return { kind: 'created', code: created.code, path: created.path, expiresAt: created.invite.expiresAt };
}
