import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../lib/errors';
import { readXlsxCells } from './importXlsx';
import { VALUE_ROW_LIMIT } from './importXlsxScan';

/** A cell as the file gives it: CSV cells are text, XLSX cells may be numbers, dates or booleans. */
export type Cell = string | number | boolean | Date | null;

/** A non-empty row of the first sheet, numbered as the spreadsheet numbers it (the first row is 1). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

const invalid = (message: string, cause?: unknown) => new AppError('IMPORT_FILE_INVALID', { message, cause });

const startsWith = (bytes: Buffer, ...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
const isZip = (bytes: Buffer) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04);
/** The OLE container of the old binary .xls (and .doc) formats. */
const isOle = (bytes: Buffer) => startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0);

/**
 * The text of a CSV file: UTF-8 (with or without the BOM Excel writes for "CSV UTF-8"), UTF-16 with
 * a BOM (Excel's "Unicode text"), or, when it is not valid UTF-8, GB18030 — what Excel on a Chinese
 * Windows saves as plain "CSV", a superset of GBK and GB2312.
 */
function decodeCsv(bytes: Buffer): string {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw invalid('文件不是文本格式的 CSV，请使用导入模板另存为 CSV 或 XLSX');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw invalid('CSV 文件的文字编码无法识别，请另存为“CSV UTF-8”后重试', cause);
    }
  }
}

/** Comma, tab (Excel's "text" export) or semicolon: whichever the first line has most of. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

const isBlank = (cell: Cell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** Thrown from inside the CSV parser to stop it. */
class StopReading extends Error {
  constructor(readonly why: 'rowCap' | 'lineLimit') {
    super(why);
  }
}

/**
 * Records a CSV may have, blank ones included. csv-parse spends far longer on a record whose
 * field count differs from the header's (a blank line builds an error it then ignores) than on a
 * data row, so 4 MB of line breaks took minutes: past this, reading stops. A list of 2,000
 * stations has no reason to run past line 20,000 (the same limit as an XLSX sheet's values).
 */
const CSV_RECORD_LIMIT = VALUE_ROW_LIMIT;

/**
 * The non-empty records of a CSV file, numbered as lines of a spreadsheet, at most `maxRows`:
 * parsing stops at the next one, so a file of a million short lines costs no more than the cap.
 */
function readCsv(bytes: Buffer, maxRows: number): { rows: SheetRow[]; more: boolean } {
  const text = decodeCsv(bytes);
  const rows: SheetRow[] = [];
  try {
    // Blank records are dropped here rather than by skip_empty_lines, so the rows keep the numbers
    // a spreadsheet shows; each kept one is collected as it is read.
    parse(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (cells, info) => {
        if (info.records > CSV_RECORD_LIMIT) throw new StopReading('lineLimit');
        if (cells.every(isBlank)) return null;
        if (rows.length === maxRows) throw new StopReading('rowCap');
        rows.push({ row: info.records, cells });
        return null;
      },
    });
    return { rows, more: false };
  } catch (cause) {
    if (cause instanceof StopReading && cause.why === 'rowCap') return { rows: [], more: true };
    if (cause instanceof StopReading) {
      throw invalid(`文件超过 ${CSV_RECORD_LIMIT} 行（含空行），请删除多余的空行后重试`);
    }
    if (cause instanceof CsvError) {
      const line = typeof cause.lines === 'number' ? cause.lines : undefined;
      throw invalid(
        `CSV 文件${line ? `第 ${line} 行` : ''}格式有误（多半是引号不成对），请检查或另存为 XLSX 后重试`,
        cause,
      );
    }
    throw cause;
  }
}

/**
 * The non-empty rows of a CSV file or of an XLSX file's first sheet, with spreadsheet row numbers,
 * at most `maxRows` of them: `more` says the file has more, and reading stopped there.
 * The declared format is a hint: a zip (every XLSX) is read as XLSX whatever it was called.
 * Unreadable files are refused with IMPORT_FILE_INVALID and a Chinese reason.
 */
export async function readSheetRows(
  format: 'csv' | 'xlsx',
  bytes: Buffer,
  maxRows: number,
): Promise<{ rows: SheetRow[]; more: boolean }> {
  if (bytes.length === 0) throw invalid('文件是空的');
  if (isOle(bytes)) throw invalid('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后导入');
  if (format === 'xlsx' && !isZip(bytes))
    throw invalid('文件不是有效的 XLSX 文件，请用 Excel 另存为 .xlsx 后重试');
  if (!isZip(bytes)) return readCsv(bytes, maxRows);
  const { cells, more } = await readXlsxCells(bytes, maxRows);
  const rows = cells.flatMap((row, index) => (row.every(isBlank) ? [] : [{ row: index + 1, cells: row }]));
  return rows.length > maxRows ? { rows: rows.slice(0, maxRows), more: true } : { rows, more };
}
