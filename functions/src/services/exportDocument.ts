import { neutraliseCell } from '@ankang/shared';
import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/node';
import { csvDocument } from '../lib/csv';

/** A report cell: text, a count, or money in 分 (shown in 元 with two decimals). */
export type ReportCell = string | number | null | { fen: number };

export interface ReportSheet {
  /** The sheet's tab name (汇总, 明细). */
  name: string;
  /** Column widths in characters. */
  widths: number[];
  /** Rows whose first cell is a heading (a section title or the column header) are bold. */
  headingRows: ReadonlySet<number>;
  rows: ReportCell[][];
}

const yuan = (fen: number) => fen / 100;

function xlsxCell(cell: ReportCell, bold: boolean): Cell {
  const weight = bold ? { fontWeight: 'bold' as const } : {};
  if (cell === null) return null;
  if (typeof cell === 'number') return { value: cell, type: Number, ...weight };
  if (typeof cell === 'object') return { value: yuan(cell.fen), type: Number, format: '0.00', ...weight };
  // Stored as text, never as a formula; neutralised anyway, for whoever copies it on as CSV.
  return { value: String(neutraliseCell(cell)), type: String, ...weight };
}

/** The report as an XLSX workbook, one tab per sheet, the first row of each kept in view. */
export function xlsxReport(sheets: ReportSheet[]): Promise<Buffer> {
  const data: Sheet<never>[] = sheets.map((sheet) => ({
    sheet: sheet.name,
    columns: sheet.widths.map((width) => ({ width })),
    data: sheet.rows.map((row, index) => row.map((cell) => xlsxCell(cell, sheet.headingRows.has(index)))),
  }));
  return writeXlsxFile(data).toBuffer();
}

/** One sheet as CSV (CSV has no tabs): money as `12.50`, cells neutralised by csvDocument. */
export function csvReport(sheet: ReportSheet): Buffer {
  return csvDocument(
    sheet.rows.map((row) =>
      row.map((cell) => (cell !== null && typeof cell === 'object' ? yuan(cell.fen).toFixed(2) : cell)),
    ),
  );
}
