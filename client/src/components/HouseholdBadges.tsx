import { type HouseholdSummary, hardshipCategoryLabels, hardshipStatusLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './HouseholdBadges.scss';

/** A file's category and status, 走访逾期 when the next visit is late, and 示例 on demo data. */
export function HouseholdBadges({
  file,
}: {
  file: Pick<HouseholdSummary, 'category' | 'status' | 'visitOverdue' | 'demo'>;
}) {
  return (
    <View className="household-badges">
      <Text className={`household-badges__badge household-badges__badge--${file.category}`}>
        {hardshipCategoryLabels[file.category]}
      </Text>
      <Text className={`household-badges__badge household-badges__badge--${file.status}`}>
        {hardshipStatusLabels[file.status]}
      </Text>
      {file.visitOverdue ? (
        <Text className="household-badges__badge household-badges__badge--overdue">走访逾期</Text>
      ) : null}
      {file.demo ? <Text className="household-badges__badge household-badges__badge--demo">示例</Text> : null}
    </View>
  );
}
