import { neutraliseCell, type SpreadsheetCell } from '@ankang/shared';

/** UTF-8's byte order mark: without it Excel on Windows reads the file as GBK and garbles Chinese. */
const BOM = '\uFEFF';

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
function field(value: SpreadsheetCell): string {
  const safe = neutraliseCell(value);
  if (safe === null || safe === undefined) return '';
  const text = safe instanceof Date ? safe.toISOString() : String(safe);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV file as Excel and WPS open it: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, and
 * every cell through `neutraliseCell` so no text can run as a formula.
 */
export function csvDocument(rows: readonly (readonly SpreadsheetCell[])[]): Buffer {
  const lines = rows.map((row) => row.map(field).join(','));
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}
