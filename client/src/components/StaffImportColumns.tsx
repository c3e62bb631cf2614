import { type ImportColumn, importColumns } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './StaffImportColumns.scss';

const STATION_INTRO =
  '文件第一行为列名，之后每行一个驿站。带 * 的列必填；已有“外部编号”的驿站会被更新，不会重复。';

/** What the file must look like: one header row with these columns (stations unless told), one record per row. */
export function StaffImportColumns({
  columns = importColumns,
  intro = STATION_INTRO,
}: {
  columns?: readonly ImportColumn[];
  intro?: string;
}) {
  return (
    <View className="staff-import-columns">
      <Text className="staff-import-columns__intro">{intro}</Text>
      {columns.map((column) => (
        <View key={column.label} className="staff-import-columns__row">
          <Text className="staff-import-columns__label">
            {column.label}
            {column.required ? ' *' : ''}
          </Text>
          <View className="staff-import-columns__detail">
            {column.example ? (
              <Text className="staff-import-columns__example">例：{column.example}</Text>
            ) : null}
            {column.note ? <Text className="staff-import-columns__note">{column.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
