import type { InviteSummary, OrgNode, RoleHolder } from '@ankang/shared';
import { shanghaiDateTime } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { depthOf, grantableRoleLabels } from '../services/roles';
import { buttonA11y } from './buttonA11y';
import './RoleHolderTree.scss';

export interface RoleHolderTreeProps {
  orgs: OrgNode[];
  holders: RoleHolder[];
  invites: InviteSummary[];
  /** The action in flight (`holder:<id>:<role>` or `invite:<id>`), whose button shows it. */
  busy: string | null;
  onRevokeHolder: (holder: RoleHolder) => void;
  onRevokeInvite: (invite: InviteSummary) => void;
}

const when = (iso: string) => shanghaiDateTime(new Date(iso));

/** 撤销 on a row; while its action is in flight it says so and ignores taps (the handler stays bound). */
function RevokeButton({ label, busy, onRevoke }: { label: string; busy: boolean; onRevoke: () => void }) {
  return (
    <View
      className={`role-tree__action${busy ? ' role-tree__action--busy' : ''}`}
      aria-label={label}
      {...buttonA11y(onRevoke, busy)}
    >
      <Text>{busy ? '撤销中…' : '撤销'}</Text>
    </View>
  );
}

function HolderRow({ holder, busy, onRevoke }: { holder: RoleHolder; busy: boolean; onRevoke: () => void }) {
  const granted = holder.grantedBy
    ? `${holder.grantedBy.name} 于 ${holder.grantedAt ? when(holder.grantedAt) : '—'} 授予`
    : '授予记录早于本功能';
  return (
    <View className="role-tree__row">
      <View className="role-tree__who">
        <Text className="role-tree__name">{holder.nickname}</Text>
        <Text className="role-tree__role">{grantableRoleLabels[holder.role]}</Text>
        <Text className="role-tree__meta">{granted}</Text>
      </View>
      {holder.revocable ? (
        <RevokeButton
          label={`撤销 ${holder.nickname} 的${grantableRoleLabels[holder.role]}角色`}
          busy={busy}
          onRevoke={onRevoke}
        />
      ) : null}
    </View>
  );
}

function InviteRow({
  invite,
  busy,
  onRevoke,
}: {
  invite: InviteSummary;
  busy: boolean;
  onRevoke: () => void;
}) {
  const expired = invite.state === 'expired';
  return (
    <View className="role-tree__row role-tree__row--invite">
      <View className="role-tree__who">
        <Text className="role-tree__name">待接受的{grantableRoleLabels[invite.role]}邀请</Text>
        <Text className="role-tree__meta">
          {invite.createdBy.name} 于 {when(invite.createdAt)} 发出 ·{' '}
          {expired ? '已过期' : `${when(invite.expiresAt)} 前有效`}
        </Text>
      </View>
      <RevokeButton label="撤销此邀请" busy={busy} onRevoke={onRevoke} />
    </View>
  );
}

/** One node's holders of `role` and its pending invites, each with 撤销. */
function NodeRows({
  holders,
  invites,
  busy,
  onRevokeHolder,
  onRevokeInvite,
}: Omit<RoleHolderTreeProps, 'orgs'>) {
  return (
    <>
      {holders.map((holder) => (
        <HolderRow
          key={`${holder.role}-${holder.userId}`}
          holder={holder}
          busy={busy === `holder:${holder.userId}:${holder.role}`}
          onRevoke={() => onRevokeHolder(holder)}
        />
      ))}
      {invites.map((invite) => (
        <InviteRow
          key={invite.id}
          invite={invite}
          busy={busy === `invite:${invite.id}`}
          onRevoke={() => onRevokeInvite(invite)}
        />
      ))}
    </>
  );
}

/**
 * The org tree in the caller's scope, each node with its staff and pending invites; admins (and
 * admin invites) in a group of their own above it, for admins only.
 */
export function RoleHolderTree(props: RoleHolderTreeProps) {
  const { orgs, holders, invites, ...actions } = props;
  const admins = holders.filter((holder) => holder.role === 'admin');
  const adminInvites = invites.filter((invite) => invite.org === null);
  const root = orgs[0];
  return (
    <View className="role-tree">
      {admins.length > 0 || adminInvites.length > 0 ? (
        <View className="role-tree__node">
          <Text className="role-tree__node-name">管理员（全部组织）</Text>
          <NodeRows holders={admins} invites={adminInvites} {...actions} />
        </View>
      ) : null}
      {orgs.map((org) => {
        const here = holders.filter((holder) => holder.role === 'staff' && holder.org?.path === org.path);
        const pending = invites.filter((invite) => invite.org?.path === org.path);
        return (
          <View
            key={org.path}
            className="role-tree__node"
            style={{ marginLeft: `${Math.min(depthOf(org, root), 4) * 24}rpx` }}
          >
            <Text className="role-tree__node-name">{org.name}</Text>
            {here.length === 0 && pending.length === 0 ? (
              <Text className="role-tree__empty">暂无工会干部</Text>
            ) : null}
            <NodeRows holders={here} invites={pending} {...actions} />
          </View>
        );
      })}
    </View>
  );
}
