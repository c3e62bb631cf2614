import {
  acceptInvite,
  createInvite,
  type GrantableRole,
  getInvite,
  INVITE_PAGE,
  listInvites,
  listOrgs,
  listRoleHolders,
  type OrgNode,
  revokeInvite,
  revokeRole,
} from '@ankang/shared';
import { call } from './api';

/** Pages of role management: the staff page, and the invitee's page (its own small subpackage). */
export const roleRoutes = {
  manage: '/staff/pages/roles/index',
  invite: `/${INVITE_PAGE}`,
} as const;

export const inviteUrl = (code: string) => `${roleRoutes.invite}?code=${encodeURIComponent(code)}`;

export const grantableRoleLabels: Record<GrantableRole, string> = {
  staff: '工会干部',
  admin: '管理员',
};

/**
 * Everything the 人员与权限 page shows, loaded at once, from `root` down (the caller's own node; none:
 * the caller's whole scope): the tree, its holders, pending invites.
 */
export async function fetchRoleBoard(root?: string) {
  const query = root ? { root } : {};
  const [{ orgs }, { holders, truncated }, invites] = await Promise.all([
    call(listOrgs, { query }),
    call(listRoleHolders, { query }),
    call(listInvites, { query }),
  ]);
  return { orgs, holders, invites: invites.invites, truncated: truncated || invites.truncated };
}
export type RoleBoard = Awaited<ReturnType<typeof fetchRoleBoard>>;

/** `requestId` is made once per 生成邀请 tap and sent again on a retry: the same invite comes back. */
export function makeInvite(body: { requestId: string; role: GrantableRole; orgPath?: string }) {
  return call(createInvite, { body });
}

export const revokeInviteById = (id: string) => call(revokeInvite, { params: { id } });
export const revokeHolderRole = (userId: string, role: GrantableRole) =>
  call(revokeRole, { body: { userId, role } });
export const previewInvite = (code: string) => call(getInvite, { body: { code } });
export const acceptInviteCode = (code: string) => call(acceptInvite, { body: { code } });

/** A node's depth below the tree's root, for indenting it (paths are `/`-separated). */
export function depthOf(node: OrgNode, root: OrgNode | undefined): number {
  const own = node.path.split('/').length;
  return root ? own - root.path.split('/').length : 0;
}

/**
 * What the invite's QR code holds. A deployment that registers a link prefix in the mini-program
 * console (扫普通链接二维码打开小程序) sets `TARO_APP_INVITE_LINK_BASE` and the code opens the
 * invite page from WeChat's scanner; the H5 app links to its own page; otherwise the page path.
 */
export function inviteLinkFor(code: string): string {
  const configured = process.env.TARO_APP_INVITE_LINK_BASE;
  if (configured) return `${configured}?code=${encodeURIComponent(code)}`;
  const here = typeof location === 'undefined' ? null : location;
  if (here?.protocol?.startsWith('http')) return `${here.origin}${here.pathname}#${inviteUrl(code)}`;
  return inviteUrl(code);
}
