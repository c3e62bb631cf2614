import { type ImportColumnKey, type ImportIssue, importColumns, neutraliseCell } from '@ankang/shared';
import type { Cell, SheetRow } from './importRows';

export type ColumnKey = ImportColumnKey;
export const columnLabel = Object.fromEntries(importColumns.map((c) => [c.key, c.label])) as Record<
  ColumnKey,
  string
>;

/** 经度（GCJ-02）*, ` Name ` → 经度, name. */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/\([^)]*\)$/, '')
    .toLowerCase();
}

const columnByHeader = new Map<string, ColumnKey>(
  importColumns.flatMap((c) =>
    [c.label, c.key, ...c.aliases].map((name) => [headerKey(name), c.key] as const),
  ),
);

const cellHeader = (cell: Cell) => (cell === null ? '' : String(cell).trim());

/** Where each column is, read from the header row. */
export interface Layout {
  headerRow: number;
  /** Column index of each known column present in the file. */
  index: Partial<Record<ColumnKey, number>>;
  /** Problems with the header; the file cannot be imported when one names a missing required column. */
  issues: ImportIssue[];
  complete: boolean;
}

/** The header is among the first this many non-empty rows (title rows may come before it). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header is the first row holding an 外部编号 column among the first HEADER_SEARCH_ROWS, so a
 * title row above it is allowed; failing that, the first row.
 */
export function readLayout(rows: SheetRow[]): Layout {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  const header =
    candidates.find((r) =>
      r.cells.some((cell) => columnByHeader.get(headerKey(cellHeader(cell))) === 'externalId'),
    ) ?? rows[0];
  if (!header) {
    return {
      headerRow: 1,
      index: {},
      issues: [{ row: 1, column: '', message: '文件中没有内容' }],
      complete: false,
    };
  }
  const index: Layout['index'] = {};
  const issues: ImportIssue[] = [];
  header.cells.forEach((cell, i) => {
    const text = cellHeader(cell);
    if (!text) return;
    const key = columnByHeader.get(headerKey(text));
    if (!key) {
      issues.push({ row: header.row, column: text, message: `无法识别的列“${text}”，该列未导入` });
    } else if (index[key] !== undefined) {
      issues.push({
        row: header.row,
        column: text,
        message: `列“${columnLabel[key]}”重复出现，只读取第一列`,
      });
    } else {
      index[key] = i;
    }
  });
  const missing = importColumns.filter((c) => c.required && index[c.key] === undefined);
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
 * The import template as CSV (UTF-8 with a BOM, so Excel opens it with the right encoding): the
 * headers (required ones marked with *) and one example row. Like every file the project writes,
 * each cell goes through `neutraliseCell`.
 */
export function importTemplateCsv(): string {
  const header = importColumns.map((c) => (c.required ? `${c.label}*` : c.label));
  const example = importColumns.map((c) => c.example);
  return `\ufeff${[header, example].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
