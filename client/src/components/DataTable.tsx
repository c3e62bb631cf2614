import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './DataTable.scss';

export interface DataColumn<Row> {
  key: string;
  title: string;
  /** Share of the table's width (a grid `fr`); 1 by default. */
  width?: number;
  render: (row: Row) => ReactNode;
}

interface DataTableProps<Row> {
  columns: DataColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** The row shown beside the table (highlighted). */
  selectedKey?: string | null;
  onSelect?: (row: Row) => void;
  className?: string;
}

/**
 * A list as a table for wide screens: a header, then one row per item with its fields in columns;
 * a tap selects the row (its detail shows beside the table, see SplitView).
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  selectedKey,
  onSelect,
  className,
}: DataTableProps<Row>) {
  // minmax(0, …) lets a long name wrap inside its column instead of widening it.
  const grid = { gridTemplateColumns: columns.map((c) => `minmax(0, ${c.width ?? 1}fr)`).join(' ') };
  return (
    <View className={`data-table${className ? ` ${className}` : ''}`}>
      <View className="data-table__row data-table__row--head" style={grid}>
        {columns.map((column) => (
          <Text key={column.key} className="data-table__cell data-table__cell--head">
            {column.title}
          </Text>
        ))}
      </View>
      {rows.map((row) => {
        const key = rowKey(row);
        return (
          <View
            key={key}
            data-id={key}
            className={`data-table__row${key === selectedKey ? ' data-table__row--selected' : ''}`}
            style={grid}
            onClick={() => onSelect?.(row)}
          >
            {columns.map((column) => (
              <View key={column.key} className={`data-table__cell data-table__cell--${column.key}`}>
                {column.render(row)}
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
