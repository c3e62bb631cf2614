import type { DevAccount } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { RoleTags } from './RoleTags';
import './DevAccountList.scss';

export interface DevAccountListProps {
  accounts: DevAccount[];
  /** The account being signed in, shown as busy; taps are ignored meanwhile. */
  pendingUserId: string | null;
  onPick: (userId: string) => void;
}

/** The development login's role picker: one row per seeded demo account. */
export function DevAccountList({ accounts, pendingUserId, onPick }: DevAccountListProps) {
  return (
    <View className="dev-accounts">
      <Text className="dev-accounts__heading">开发环境：选择一个演示账号登录</Text>
      <Text className="dev-accounts__hint">仅本地开发环境提供，正式环境请使用微信登录。</Text>
      {accounts.length === 0 ? (
        <Text className="dev-accounts__hint">暂无演示账号，请先导入演示数据。</Text>
      ) : null}
      {accounts.map((account) => (
        <View
          key={account.userId}
          className={`dev-accounts__item${pendingUserId === account.userId ? ' dev-accounts__item--pending' : ''}`}
          onClick={() => {
            if (!pendingUserId) onPick(account.userId);
          }}
        >
          <View className="dev-accounts__main">
            <Text className="dev-accounts__nickname">{account.nickname}</Text>
            <RoleTags roles={account.roles} />
          </View>
          <Text className="dev-accounts__org">
            {pendingUserId === account.userId ? '正在登录…' : (account.orgName ?? '未加入工会组织')}
          </Text>
        </View>
      ))}
    </View>
  );
}
