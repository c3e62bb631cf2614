import type { GrantableRole } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchRoleBoard, makeInvite, revokeHolderRole, revokeInviteById } from '../services/roles';
import { newRequestId } from '../services/stations';
import { useRequest } from './useRequest';

export interface MadeInvite {
  code: string;
  path: string;
  orgName: string | null;
  role: GrantableRole;
  expiresAt: string;
}

/**
 * 人员与权限: the tree with its holders and pending invites, and the three actions on it. Each
 * action asks first where it takes something away, and reloads the board after it.
 */
export function useRoleBoard(enabled: boolean) {
  const board = useRequest(fetchRoleBoard, { enabled });
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [made, setMade] = useState<MadeInvite | null>(null);
  // One request id per invite being made: a retry after a lost answer gets the same invite back.
  const [requestId, setRequestId] = useState(newRequestId);

  const run = useCallback(
    async (key: string, action: () => Promise<unknown>) => {
      setBusy(key);
      setActionError(null);
      try {
        await action();
        board.retry();
        return true;
      } catch (error) {
        setActionError(toApiError(error));
        return false;
      } finally {
        setBusy(null);
      }
    },
    [board.retry],
  );

  const confirm = async (title: string, content: string) =>
    (await Taro.showModal({ title, content, confirmText: '撤销', confirmColor: '#c0392b' })).confirm;

  const revokeHolder = async (userId: string, role: GrantableRole, label: string) => {
    if (!(await confirm('撤销角色', `确定撤销 ${label}？撤销后对方下一次操作起即失去权限。`))) return;
    await run(`holder:${userId}:${role}`, () => revokeHolderRole(userId, role));
  };

  const revokeInvite = async (id: string, label: string) => {
    if (!(await confirm('撤销邀请', `确定撤销${label}？撤销后该邀请码不能再使用。`))) return;
    await run(`invite:${id}`, () => revokeInviteById(id));
  };

  const invite = async (role: GrantableRole, orgPath: string | undefined, orgName: string | null) => {
    await run('invite', async () => {
      const result = await makeInvite({ requestId, role, ...(orgPath ? { orgPath } : {}) });
      setMade({ code: result.code, path: result.path, orgName, role, expiresAt: result.invite.expiresAt });
      setRequestId(newRequestId());
    });
  };

  return {
    board,
    busy,
    actionError,
    made,
    closeMade: () => setMade(null),
    revokeHolder,
    revokeInvite,
    invite,
  };
}
