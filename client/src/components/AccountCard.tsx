import type { Me } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { RoleTags } from './RoleTags';
import './AccountCard.scss';

/** Who is signed in: a letter avatar (no photo is collected), nickname, roles. */
export function AccountCard({ me }: { me: Me }) {
  const initial = Array.from(me.nickname.trim())[0] ?? '我';
  return (
    <View className="account-card">
      <View className="account-card__avatar">
        <Text>{initial}</Text>
      </View>
      <View className="account-card__body">
        <Text className="account-card__nickname">{me.nickname}</Text>
        <RoleTags roles={me.roles} />
      </View>
    </View>
  );
}
