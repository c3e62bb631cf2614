import type { GrantableRole } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { fetchRoleBoard, makeInvite, revokeHolderRole, revokeInviteById } from '../services/roles';
import { newRequestId } from '../services/stations';
import { useRequest } from './useRequest';
import { useSubmit } from './useSubmit';

export interface MadeInvite {
  code: string;
  path: string;
  orgName: string | null;
  role: GrantableRole;
  expiresAt: string;
}

/**
 * 人员与权限 from `root` down (the caller's own node: a national admin is not handed every node in
 * the country): the tree with its holders and pending invites, and the three actions on it. One
 * action at a time (a double tap sends once); each asks first where it takes something away, and
 * reloads the board after it.
 */
export function useRoleBoard(enabled: boolean, root: string | undefined) {
  const board = useRequest(() => fetchRoleBoard(root), { enabled, key: root });
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [made, setMade] = useState<MadeInvite | null>(null);
  // The invite being made and its request id: a retry of the same role and node after a lost answer
  // gets the same invite back; another role or node is another invite, under a new id.
  const pendingInvite = useRef<{ target: string; requestId: string } | null>(null);

  const action = useSubmit(
    async (key: string, send: () => Promise<unknown>) => {
      setBusyKey(key);
      await send();
    },
    {
      success: (key) => (key === 'invite' ? '' : '已撤销'),
      onDone: () => board.retry(),
      // The page shows the failure as a banner over the board.
      toastFailure: false,
    },
  );

  const confirm = async (title: string, content: string) =>
    (await Taro.showModal({ title, content, confirmText: '撤销', confirmColor: '#c0392b' })).confirm;

  const revokeHolder = async (userId: string, role: GrantableRole, label: string) => {
    if (action.submitting) return;
    if (!(await confirm('撤销角色', `确定撤销 ${label}？撤销后对方下一次操作起即失去权限。`))) return;
    await action.submit(`holder:${userId}:${role}`, () => revokeHolderRole(userId, role));
  };

  const revokeInvite = async (id: string, label: string) => {
    if (action.submitting) return;
    if (!(await confirm('撤销邀请', `确定撤销${label}？撤销后该邀请码不能再使用。`))) return;
    await action.submit(`invite:${id}`, () => revokeInviteById(id));
  };

  const invite = async (role: GrantableRole, orgPath: string | undefined, orgName: string | null) => {
    const target = `${role}:${orgPath ?? ''}`;
    if (pendingInvite.current?.target !== target)
      pendingInvite.current = { target, requestId: newRequestId() };
    const { requestId } = pendingInvite.current;
    await action.submit('invite', async () => {
      const result = await makeInvite({ requestId, role, ...(orgPath ? { orgPath } : {}) });
      setMade({ code: result.code, path: result.path, orgName, role, expiresAt: result.invite.expiresAt });
      pendingInvite.current = null;
    });
  };

  return {
    board,
    busy: action.submitting ? busyKey : null,
    actionError: action.error,
    made,
    closeMade: () => setMade(null),
    revokeHolder,
    revokeInvite,
    invite,
  };
}
