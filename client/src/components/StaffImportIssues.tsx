import type { ImportIssue } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './StaffImportIssues.scss';

/** The per-row problems: 行号 (as in the spreadsheet), 列, 原因. */
export function StaffImportIssues({ issues }: { issues: ImportIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <View className="staff-import-issues">
      <Text className="staff-import-issues__title">发现 {issues.length} 个问题（有问题的行不会导入）</Text>
      <View className="staff-import-issues__row staff-import-issues__row--head">
        <Text className="staff-import-issues__line">行号</Text>
        <Text className="staff-import-issues__column">列</Text>
        <Text className="staff-import-issues__message">原因</Text>
      </View>
      {issues.map((issue) => (
        <View key={`${issue.row}-${issue.column}-${issue.message}`} className="staff-import-issues__row">
          <Text className="staff-import-issues__line">{issue.row}</Text>
          <Text className="staff-import-issues__column">{issue.column || '—'}</Text>
          <Text className="staff-import-issues__message">{issue.message}</Text>
        </View>
      ))}
    </View>
  );
}
