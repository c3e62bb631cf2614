import { importColumns } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './StaffImportColumns.scss';

/** What the file must look like: one header row with these columns, one station per row. */
export function StaffImportColumns() {
  return (
    <View className="staff-import-columns">
      <Text className="staff-import-columns__intro">
        文件第一行为列名，之后每行一个驿站。带 * 的列必填；已有“外部编号”的驿站会被更新，不会重复。
      </Text>
      {importColumns.map((column) => (
        <View key={column.label} className="staff-import-columns__row">
          <Text className="staff-import-columns__label">
            {column.label}
            {column.required ? ' *' : ''}
          </Text>
          <View className="staff-import-columns__detail">
            <Text className="staff-import-columns__example">例：{column.example}</Text>
            {column.note ? <Text className="staff-import-columns__note">{column.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
