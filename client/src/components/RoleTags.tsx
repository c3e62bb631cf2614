import { type Role, roleLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './RoleTags.scss';

const order: Role[] = ['admin', 'staff', 'volunteer', 'worker'];

/**
 * Roles in Chinese, most responsible first. Everyone signed in is a 职工, so that label shows only
 * when there is nothing more to say.
 */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const granted = order.filter((role) => role !== 'worker' && roles.includes(role));
  const shown: Role[] = granted.length > 0 ? granted : ['worker'];
  return (
    <View className="role-tags">
      {shown.map((role) => (
        <Text key={role} className={`role-tags__tag role-tags__tag--${role}`}>
          {roleLabels[role]}
        </Text>
      ))}
    </View>
  );
}
