import {
  type ImportColumn,
  type ImportColumnKey,
  type ImportIssue,
  importColumns,
  neutraliseCell,
} from '@ankang/shared';
import type { Cell, SheetRow } from './importRows';

/** 经度（GCJ-02）*, ` Name ` → 经度, name. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/\([^)]*\)$/, '')
    .toLowerCase();
}

/**
 * The columns of one kind of import file, and the column that names a row's record: the header
 * row is the one holding it. Stations and households are each one of these.
 */
export interface ColumnSet<K extends string> {
  columns: readonly ImportColumn<K>[];
  keyColumn: K;
  label: Record<K, string>;
  byHeader: Map<string, K>;
  /**
   * Headers that spreadsheets of this kind carry but the import does not read (a 序号, a figure the
   * server computes): skipped, with the message as a header issue when there is one.
   */
  ignored: Map<string, string | null>;
}

export function columnSet<K extends string>(
  columns: readonly ImportColumn<K>[],
  keyColumn: K,
  ignored: Record<string, string | null> = {},
): ColumnSet<K> {
  return {
    columns,
    keyColumn,
    label: Object.fromEntries(columns.map((c) => [c.key, c.label])) as Record<K, string>,
    byHeader: new Map(
      columns.flatMap((c) => [c.label, c.key, ...c.aliases].map((name) => [headerKey(name), c.key] as const)),
    ),
    ignored: new Map(Object.entries(ignored).map(([header, why]) => [headerKey(header), why])),
  };
}

/** The station import's columns, keyed by 外部编号. */
export const stationColumns = columnSet(importColumns, 'externalId');
export type ColumnKey = ImportColumnKey;
export const columnLabel = stationColumns.label;

const cellHeader = (cell: Cell) => (cell === null ? '' : String(cell).trim());

/** Where each column is, read from the header row. */
export interface Layout<K extends string = ColumnKey> {
  headerRow: number;
  /** Column index of each known column present in the file. */
  index: Partial<Record<K, number>>;
  /** Problems with the header; the file cannot be imported when one names a missing required column. */
  issues: ImportIssue[];
  complete: boolean;
}

/** The header is among the first this many non-empty rows (title rows may come before it). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header is the first row holding the set's key column among the first HEADER_SEARCH_ROWS, so
 * a title row above it is allowed; failing that, the first row.
 */
export function readLayout<K extends string>(rows: SheetRow[], set: ColumnSet<K>): Layout<K> {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  const header =
    candidates.find((r) =>
      r.cells.some((cell) => set.byHeader.get(headerKey(cellHeader(cell))) === set.keyColumn),
    ) ?? rows[0];
  if (!header) {
    return {
      headerRow: 1,
      index: {},
      issues: [{ row: 1, column: '', message: '文件中没有内容' }],
      complete: false,
    };
  }
  const index: Layout<K>['index'] = {};
  const issues: ImportIssue[] = [];
  header.cells.forEach((cell, i) => {
    const text = cellHeader(cell);
    if (!text) return;
    const key = set.byHeader.get(headerKey(text));
    const ignored = set.ignored.get(headerKey(text));
    if (!key && ignored !== undefined) {
      if (ignored) issues.push({ row: header.row, column: text, message: ignored });
    } else if (!key) {
      issues.push({ row: header.row, column: text, message: `无法识别的列“${text}”，该列未导入` });
    } else if (index[key] !== undefined) {
      issues.push({
        row: header.row,
        column: text,
        message: `列“${set.label[key]}”重复出现，只读取第一列`,
      });
    } else {
      index[key] = i;
    }
  });
  const missing = set.columns.filter((c) => c.required && index[c.key] === undefined);
  for (const column of missing) {
    issues.push({
      row: header.row,
      column: column.label,
      message: `缺少必填列“${column.label}”，请使用导入模板`,
    });
  }
  return { headerRow: header.row, index, issues, complete: missing.length === 0 };
}

/** A CSV cell: neutralised against formula injection, then quoted when it needs to be. */
function csvCell(value: string): string {
  const text = String(neutraliseCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * An import template as CSV (UTF-8 with a BOM, so Excel opens it with the right encoding): the
 * headers (required ones marked with *) and one example row; the station columns unless told.
 * Like every file the project writes, each cell goes through `neutraliseCell`.
 */
export function importTemplateCsv(columns: readonly ImportColumn[] = importColumns): string {
  const header = columns.map((c) => (c.required ? `${c.label}*` : c.label));
  const example = columns.map((c) => c.example);
  return `\ufeff${[header, example].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
