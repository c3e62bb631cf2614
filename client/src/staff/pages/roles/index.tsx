import { type GrantableRole, isWithinOrg, type OrgNode } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useShareAppMessage } from '@tarojs/taro';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { InvitePanel, MadeInviteCard } from '../../../components/InvitePanel';
import { RoleHolderTree } from '../../../components/RoleHolderTree';
import { StateView } from '../../../components/StateView';
import { useRoleBoard } from '../../../hooks/useRoleBoard';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { grantableRoleLabels } from '../../../services/roles';
import './index.scss';

/** The nodes a caller may invite staff to: strictly below their own node; every node for admins. */
function invitableNodes(orgs: OrgNode[], ownPath: string | undefined, admin: boolean): OrgNode[] {
  if (admin) return orgs;
  if (!ownPath) return [];
  return orgs.filter((org) => org.path !== ownPath && isWithinOrg(org.path, ownPath));
}

/**
 * 人员与权限: who holds which role at each node in scope (with who granted it and when), pending
 * invites, revoking either, and 邀请 (a one-time code as a QR code and a WeChat share card).
 */
export default function StaffRolesPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const roles = useRoleBoard(allowed, allowed ? gate.me.org?.path : undefined);
  const { board, made } = roles;

  // The share card carries the invite just made; before that, the page itself is not shared.
  useShareAppMessage(() =>
    made
      ? {
          title: `邀请您担任${made.orgName ?? ''}${grantableRoleLabels[made.role]}`,
          path: `/${made.path}`,
        }
      : { title: '职工安康', path: '/pages/stations/index' },
  );

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="roles-page"
      />
    );
  }
  if (board.error && !board.data) {
    return (
      <StateView
        tone="error"
        title="人员与权限加载失败"
        description={board.error.message}
        actions={[{ text: '重试', onClick: board.retry }]}
      />
    );
  }
  if (!board.data) return <StateView tone="loading" title="正在加载人员与权限…" />;

  const admin = gate.me.roles.includes('admin');
  const { orgs, holders, invites, truncated } = board.data;
  const nodes = invitableNodes(orgs, gate.me.org?.path, admin);
  const invite = (role: GrantableRole, org: OrgNode | null) =>
    void roles.invite(role, org?.path, org?.name ?? null);

  return (
    <View className="page roles-page">
      {roles.actionError ? <ErrorBanner error={roles.actionError} /> : null}
      {board.error ? <ErrorBanner error={board.error} onRetry={board.retry} /> : null}
      <Text className="roles-page__section">邀请</Text>
      {made ? (
        <MadeInviteCard made={made} onClose={roles.closeMade} />
      ) : (
        <InvitePanel nodes={nodes} canInviteAdmin={admin} busy={roles.busy === 'invite'} onInvite={invite} />
      )}
      <Text className="roles-page__section">各级组织人员</Text>
      {truncated ? (
        <Text className="roles-page__note">人数较多，仅显示前一部分；可进入下级组织查看。</Text>
      ) : null}
      {orgs.length === 0 && holders.length === 0 ? (
        <StateView tone="empty" title="暂无可管理的组织" description="您的账号没有所属工会组织。" />
      ) : (
        <RoleHolderTree
          orgs={orgs}
          holders={holders}
          invites={invites}
          busy={roles.busy}
          onRevokeHolder={(holder) =>
            void roles.revokeHolder(
              holder.userId,
              holder.role,
              `${holder.nickname} 的${holder.org ? `${holder.org.name} ` : ''}${grantableRoleLabels[holder.role]}角色`,
            )
          }
          onRevokeInvite={(item) =>
            void roles.revokeInvite(
              item.id,
              `${item.org ? `${item.org.name} ` : ''}${grantableRoleLabels[item.role]}邀请`,
            )
          }
        />
      )}
    </View>
  );
}
