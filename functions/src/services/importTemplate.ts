import { type ExportFormat, importColumns } from '@ankang/shared';
import { csvReport, type ReportSheet, xlsxReport } from './exportDocument';

/**
 * The example row leaves 组织路径 empty: its rows go to the union picked on the import page, so
 * nobody types a path like 320000/320500/320582 unless a row belongs to a union below it.
 */
const blankInExample = new Set<string>(['orgPath']);

/** The template as a sheet: every column the importer reads (required ones starred), one example row. */
function templateSheet(): ReportSheet {
  return {
    name: '驿站导入',
    widths: importColumns.map((column) => Math.max(10, Math.min(40, column.example.length * 2))),
    headingRows: new Set([0]),
    rows: [
      importColumns.map((column) => `${column.label}${column.required ? '*' : ''}`),
      importColumns.map((column) => (blankInExample.has(column.key) ? null : column.example)),
    ],
  };
}

/**
 * 下载导入模板: the station import file with its header and one example row, as XLSX or CSV (UTF-8
 * with a BOM). Generated from the importer's own column list, so it cannot drift from what it reads.
 */
export async function stationImportTemplate(query: { format: ExportFormat }) {
  const sheet = templateSheet();
  const file = query.format === 'xlsx' ? await xlsxReport([sheet]) : csvReport(sheet);
  return { fileName: `驿站导入模板.${query.format}`, format: query.format, content: file.toString('base64') };
}
