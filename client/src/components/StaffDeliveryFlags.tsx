import type { DeliveryFlag } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { deliveryFlagBadges } from '../services/staffDeliveryFormat';
import './StaffDeliveryCard.scss';

/** A record's marks as warning badges (定位精度差, 距工地超 1 km, 无定位, 超额度); nothing when clean. */
export function StaffDeliveryFlags({ flags }: { flags: DeliveryFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <View className="staff-delivery__flags">
      {flags.map((flag) => (
        <Text key={flag} className={`staff-delivery__flag staff-delivery__flag--${flag}`}>
          {deliveryFlagBadges[flag]}
        </Text>
      ))}
    </View>
  );
}
