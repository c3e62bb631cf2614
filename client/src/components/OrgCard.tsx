import type { Me } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './OrgCard.scss';

/** The union the user belongs to, with its chain up to the province (whose data they can act on). */
export function OrgCard({ org, title = '所属工会' }: { org: NonNullable<Me['org']>; title?: string }) {
  return (
    <View className="org-card">
      <Text className="org-card__label">{title}</Text>
      <Text className="org-card__name">{org.name}</Text>
      {org.chain.length > 1 ? <Text className="org-card__chain">{org.chain.join(' › ')}</Text> : null}
    </View>
  );
}
