import { randomUUID } from 'node:crypto';
import { type FlateError, Inflate, Unzip, type UnzipDecoder, type UnzipFile, zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { AppError } from '../lib/errors';
import type { Cell } from './importRows';
import { type SheetOverflow, SheetScan, VALUE_COLUMN_LIMIT, VALUE_ROW_LIMIT } from './importXlsxScan';

/**
 * Reading an XLSX file with bounded time and memory, whatever it holds. An XLSX is a zip of XML
 * files, and 4 MB of zip can inflate to gigabytes (a sheet of 450,000 rows, a run of zeros), so
 * the zip is inflated here, by fflate in small steps, before read-excel-file sees it:
 *
 * - the inflated bytes are counted as they come out (the sizes a zip declares are never used)
 *   and the file is refused past MAX_INFLATED_BYTES;
 * - each XML part is scanned as it inflates (SheetScan); a part with more value rows than the
 *   caller reads, or values where a station list cannot be, stops inflating at once and is
 *   replaced by a one-cell placeholder that names why;
 * - only the XML parts read-excel-file reads are inflated at all (images and the like are skipped).
 *
 * read-excel-file then reads the re-zipped parts and decides which sheet is the first, as it
 * always did; when that sheet is a placeholder, the file is refused or reported as too long.
 */

/** Inflated bytes one file may reach, over all its parts: a 2,000-row sheet is about 1 MB. */
export const MAX_INFLATED_BYTES = 30 * 1024 * 1024;
/**
 * Compressed bytes fed to the inflater at a time. DEFLATE expands at most about 1,032 times, so no
 * step can add more than about 1 MB before the count is checked.
 */
const STEP_BYTES = 1024;

const UNREADABLE = 'XLSX 文件无法读取，可能已损坏或设置了密码，请用 Excel 打开后另存为 XLSX 或 CSV';
const invalid = (message: string, cause?: unknown) => new AppError('IMPORT_FILE_INVALID', { message, cause });
const unreadable = (cause?: unknown) => invalid(UNREADABLE, cause);

const overflowMessage: Record<Exclude<SheetOverflow, 'rows'>, string> = {
  farRow: `表格第 ${VALUE_ROW_LIMIT} 行以后还有内容，请删除多余的行后重试`,
  wideRow: `表格超过 ${VALUE_COLUMN_LIMIT} 列，请只保留导入模板中的列后重试`,
  invalid: UNREADABLE,
};

class TooLarge extends Error {}

/** fflate's DEFLATE decoder, made to stop at once when a part is given up. */
class StoppableInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: UnzipDecoder['ondata'] = () => {};
  private stopped = false;
  private readonly inflate = new Inflate((data, final) => this.ondata(null, data, final));

  push(chunk: Uint8Array, final: boolean): void {
    if (this.stopped) return;
    try {
      this.inflate.push(chunk, final);
    } catch (error) {
      this.ondata(error as FlateError, new Uint8Array(0), final);
    }
  }

  terminate(): void {
    this.stopped = true;
  }
}

/** read-excel-file reads only XML parts; the rest (images, printer settings) is never inflated. */
const isXmlPart = (name: string) => !name.endsWith('/') && (name.endsWith('.xml') || name.endsWith('.rels'));

interface Part {
  chunks: Uint8Array[];
  scan: SheetScan;
}

/**
 * The XML parts of the zip, inflated within the budget; a part the scan gave up on is replaced
 * by a placeholder sheet whose one cell is `<marker>:<why>`.
 */
function inflateParts(bytes: Buffer, maxRows: number, marker: string): Record<string, Uint8Array> {
  const parts = new Map<string, Part>();
  let inflated = 0;
  let failure: unknown;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!isXmlPart(file.name) || parts.has(file.name)) return;
    const part: Part = { chunks: [], scan: new SheetScan(maxRows) };
    parts.set(file.name, part);
    file.ondata = (error, data, _final) => {
      if (failure || part.scan.overflow) return;
      if (error) {
        failure = error;
        return;
      }
      inflated += data.length;
      if (inflated > MAX_INFLATED_BYTES) {
        failure = new TooLarge();
        return;
      }
      part.scan.push(data);
      if (part.scan.overflow) {
        file.terminate();
        part.chunks = [];
      } else {
        part.chunks.push(data);
      }
    };
    file.start();
  });
  unzip.register(StoppableInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += STEP_BYTES) {
      unzip.push(bytes.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= bytes.length);
    }
  } catch (error) {
    failure = error;
  }
  if (failure instanceof TooLarge) {
    throw invalid(
      `文件解压后过大（超过 ${MAX_INFLATED_BYTES / 1024 / 1024} MB），请删除图片等无关内容或拆分后分批导入`,
    );
  }
  if (failure) throw unreadable(failure);
  return Object.fromEntries(
    [...parts].map(([name, part]) => [
      name,
      part.scan.overflow ? placeholderSheet(`${marker}:${part.scan.overflow}`) : concat(part.chunks),
    ]),
  );
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function placeholderSheet(text: string): Uint8Array {
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>` +
      '</sheetData></worksheet>',
  );
}

/**
 * The first sheet of an XLSX file as cells, reading at most `maxRows` rows that hold a value:
 * `more` says the sheet has more. Refuses (IMPORT_FILE_INVALID, Chinese reason) a file that
 * inflates past MAX_INFLATED_BYTES, has values past row 20,000 or column 100, or cannot be read.
 */
export async function readXlsxCells(
  bytes: Buffer,
  maxRows: number,
): Promise<{ cells: Cell[][]; more: boolean }> {
  // A fresh marker each time, so no file can forge one.
  const marker = randomUUID();
  const parts = inflateParts(bytes, maxRows, marker);
  let cells: Cell[][];
  try {
    cells = (await readSheet(Buffer.from(zipSync(parts, { level: 0 })))) as Cell[][];
  } catch (cause) {
    throw unreadable(cause);
  }
  const first = cells[0]?.[0];
  if (typeof first === 'string' && first.startsWith(`${marker}:`)) {
    const why = first.slice(marker.length + 1) as SheetOverflow;
    if (why === 'rows') return { cells: [], more: true };
    throw invalid(overflowMessage[why]);
  }
  return { cells, more: false };
}
