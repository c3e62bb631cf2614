import type { GrantableRole, OrgNode } from '@ankang/shared';
import { shanghaiDateTime } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { MadeInvite } from '../hooks/useRoleBoard';
import { platform } from '../platform';
import { grantableRoleLabels, inviteLinkFor } from '../services/roles';
import { ChoiceChips } from './ChoiceChips';
import { CoolingQr } from './CoolingQr';
import { OrgChips } from './OrgChips';
import './InvitePanel.scss';

/** Nodes offered at once; a longer tree is narrowed by typing part of a name. */
const SHOWN_NODES = 30;

export interface InvitePanelProps {
  /** Nodes the caller may invite staff to (strictly below their own; all for admins). */
  nodes: OrgNode[];
  canInviteAdmin: boolean;
  busy: boolean;
  onInvite: (role: GrantableRole, org: OrgNode | null) => void;
}

/** 邀请: pick a role and (for staff) a node from the tree by name, then make the invite. */
export function InvitePanel({ nodes, canInviteAdmin, busy, onInvite }: InvitePanelProps) {
  const [role, setRole] = useState<GrantableRole>('staff');
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const matches = useMemo(
    () => nodes.filter((node) => node.name.includes(filter.trim())).slice(0, SHOWN_NODES),
    [nodes, filter],
  );
  // A node the filter now hides is no longer picked: the invite goes only to a node on screen.
  const org = matches.find((node) => node.path === picked) ?? null;
  const roles: GrantableRole[] = canInviteAdmin ? ['staff', 'admin'] : ['staff'];
  const ready = role === 'admin' || org !== null;

  if (role === 'staff' && nodes.length === 0 && !canInviteAdmin) {
    return (
      <View className="invite-panel">
        <Text className="invite-panel__hint">您所在组织没有下级组织，本级人员请由上级工会或管理员邀请。</Text>
      </View>
    );
  }
  return (
    <View className="invite-panel">
      <Text className="invite-panel__label">角色</Text>
      <ChoiceChips
        choices={roles.map((value) => ({ value, label: grantableRoleLabels[value] }))}
        selected={[role]}
        onToggle={setRole}
        single
        label="角色"
      />
      {role === 'staff' ? (
        <>
          <Text className="invite-panel__label">组织（只能邀请下级组织的工会干部）</Text>
          <Input
            className="invite-panel__filter"
            placeholder="输入组织名称查找，如 大新镇"
            value={filter}
            onInput={(event) => setFilter(event.detail.value)}
            aria-label="按名称查找组织"
          />
          {matches.length === 0 ? (
            <Text className="invite-panel__hint">没有名称包含“{filter}”的下级组织</Text>
          ) : (
            <OrgChips label="组织" orgs={matches} picked={picked} onPick={setPicked} />
          )}
        </>
      ) : (
        <Text className="invite-panel__hint">管理员可管理全部组织和人员，请只邀请确需此权限的人。</Text>
      )}
      <Button
        className="invite-panel__submit"
        type="primary"
        block
        disabled={!ready || busy}
        loading={busy}
        onClick={() => onInvite(role, role === 'admin' ? null : org)}
      >
        {ready ? '生成邀请' : '请先选择组织'}
      </Button>
    </View>
  );
}

/** The invite just made: its QR code, the share card (WeChat) and the code to copy; shown once. */
export function MadeInviteCard({ made, onClose }: { made: MadeInvite; onClose: () => void }) {
  const what = `${made.orgName ? `${made.orgName} ` : ''}${grantableRoleLabels[made.role]}`;
  return (
    <View className="invite-card">
      <Text className="invite-card__title">邀请已生成：{what}</Text>
      <Text className="invite-card__meta">
        {shanghaiDateTime(new Date(made.expiresAt))} 前有效，只能接受一次。邀请码只在此显示一次。
      </Text>
      <View className="invite-card__qr">
        <CoolingQr text={inviteLinkFor(made.code)} label={`${what}邀请二维码`} />
      </View>
      <Text className="invite-card__code" userSelect>
        邀请码 {made.code}
      </Text>
      {platform.name === 'weapp' ? (
        <Button className="invite-card__share" type="primary" block openType="share">
          发给微信好友
        </Button>
      ) : null}
      <Button
        className="invite-card__copy"
        block
        onClick={() => void Taro.setClipboardData({ data: inviteLinkFor(made.code) }).catch(() => undefined)}
      >
        复制邀请链接
      </Button>
      <Button className="invite-card__close" block fill="none" onClick={onClose}>
        完成
      </Button>
    </View>
  );
}
