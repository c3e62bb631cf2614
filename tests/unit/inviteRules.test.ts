import { describe, expect, it } from 'vitest';
import { manageVerdict } from '../../functions/src/services/inviteRules';

const ZJG = '320000/320500/320582';
const staffAt = (orgPath: string | null) => ({
  userId: 'u_000000000000000000000001',
  nickname: '测试',
  roles: ['worker' as const, 'staff' as const],
  orgPath,
});
const admin = {
  userId: 'u_000000000000000000000002',
  nickname: '管理员',
  roles: ['worker' as const, 'admin' as const],
  orgPath: null,
};

describe('Rule: who may invite to or revoke a role where', () => {
  it.each([
    ['staff, a node below', staffAt(ZJG), 'staff', `${ZJG}/daxin`, 'ok'],
    ['staff, two levels below', staffAt('320000/320500'), 'staff', `${ZJG}/daxin`, 'ok'],
    ['staff, their own node', staffAt(ZJG), 'staff', ZJG, 'notBelow'],
    ['staff, the node above', staffAt(ZJG), 'staff', '320000/320500', 'outOfScope'],
    ['staff, a node beside', staffAt(ZJG), 'staff', '320000/320500/320571', 'outOfScope'],
    ['staff, a sibling sharing a prefix', staffAt(ZJG), 'staff', `${ZJG}0/x1`, 'outOfScope'],
    ['staff without a node', staffAt(null), 'staff', `${ZJG}/daxin`, 'outOfScope'],
    ['staff, an admin role', staffAt('320000'), 'admin', null, 'adminOnly'],
    ['admin, any node', admin, 'staff', ZJG, 'ok'],
    ['admin, an admin role', admin, 'admin', null, 'ok'],
  ] as const)('%s → %s', (_what, caller, role, orgPath, verdict) => {
    expect(manageVerdict({ ...caller, roles: [...caller.roles] }, role, orgPath)).toBe(verdict);
  });
});
