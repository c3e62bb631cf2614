import type { ImportResult } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './StaffImportSummary.scss';

/** The counts of a dry run (what would happen) or a real run (what happened). */
export function StaffImportSummary({ result }: { result: ImportResult }) {
  const invalid = result.rows - result.valid;
  const cells = result.dryRun
    ? [
        { label: '数据行', value: result.rows },
        { label: '可导入', value: result.valid },
        { label: '有问题', value: invalid, bad: invalid > 0 },
        { label: '将新建', value: result.created },
        { label: '将更新', value: result.updated },
        { label: '无变化', value: result.unchanged },
      ]
    : [
        { label: '已新建', value: result.created },
        { label: '已更新', value: result.updated },
        { label: '无变化', value: result.unchanged },
        { label: '未导入', value: invalid, bad: invalid > 0 },
      ];
  return (
    <View className="staff-import-summary">
      {cells.map((cell) => (
        <View
          key={cell.label}
          className={`staff-import-summary__cell${cell.bad ? ' staff-import-summary__cell--bad' : ''}`}
        >
          <Text className="staff-import-summary__value">{cell.value}</Text>
          <Text className="staff-import-summary__label">{cell.label}</Text>
        </View>
      ))}
    </View>
  );
}
