import { CsvError, parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { AppError } from '../lib/errors';

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

function readCsv(bytes: Buffer): Cell[][] {
  const text = decodeCsv(bytes);
  try {
    // skip_empty_lines stays off: an empty line is an empty spreadsheet row and keeps the numbering.
    return parse(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (cause) {
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

async function readXlsx(bytes: Buffer): Promise<Cell[][]> {
  try {
    return (await readSheet(bytes)) as Cell[][];
  } catch (cause) {
    throw invalid('XLSX 文件无法读取，可能已损坏或设置了密码，请用 Excel 打开后另存为 XLSX 或 CSV', cause);
  }
}

const isBlank = (cell: Cell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/**
 * The non-empty rows of a CSV file or of an XLSX file's first sheet, with spreadsheet row numbers.
 * The declared format is a hint: a zip (every XLSX) is read as XLSX whatever it was called.
 * Unreadable files are refused with IMPORT_FILE_INVALID and a Chinese reason.
 */
export async function readSheetRows(format: 'csv' | 'xlsx', bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length === 0) throw invalid('文件是空的');
  if (isOle(bytes)) throw invalid('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后导入');
  if (format === 'xlsx' && !isZip(bytes))
    throw invalid('文件不是有效的 XLSX 文件，请用 Excel 另存为 .xlsx 后重试');
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  return table.flatMap((cells, index) => (cells.every(isBlank) ? [] : [{ row: index + 1, cells }]));
}
