/**
 * A running look at one XML part of an XLSX file as it inflates, chunk by chunk, to stop reading
 * early: it is not a parser, only enough to count a sheet's rows. In SpreadsheetML a sheet is
 * `<row r="5"><c r="B5" t="s"><v>3</v></c>…</row>`; a row holds a value when one of its cells has
 * a `<v>` or an inline string `<is>`. Element names may carry a namespace prefix (`<x:row>`), as
 * read-excel-file accepts them. A count here is never below what read-excel-file reads: it counts
 * a row whose only values are blank, so it may stop a little early, never late.
 */

/** Why a part was given up: too many value rows, values too far down or right, or not a sheet at all. */
export type SheetOverflow = 'rows' | 'farRow' | 'wideRow' | 'invalid';

/** Values must lie in the first rows and columns: read-excel-file builds every row and column before the last value. */
export const VALUE_ROW_LIMIT = 20_000;
export const VALUE_COLUMN_LIMIT = 100;
/** The most rows a sheet can have (Excel's own limit); a larger row number is not an XLSX. */
const MAX_ROW_NUMBER = 1_048_576;
/** A start tag this long is not SpreadsheetML. */
const MAX_TAG = 64 * 1024;

const TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?(row|c|v|is)(?=[\s/>])([^>]*)>/g;
const ROW_NUMBER = /\br="(\d+)"/;
const CELL_REF = /\br="([A-Za-z]+)(\d*)"/;

/** Column letters as a number (A = 1, Z = 26, AA = 27); anything past XFD is just “too wide”. */
function columnNumber(letters: string): number {
  if (letters.length > 3) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

export class SheetScan {
  /** Set once the part is given up; nothing more is read. */
  overflow: SheetOverflow | undefined;
  /** An unfinished tag at the end of the last chunk. */
  private carry = '';
  private rowNumber = 0;
  private rowHasValue = false;
  private inRow = false;
  private column = 0;
  private valueRows = 0;

  constructor(private readonly maxValueRows: number) {}

  /** Reads the next inflated chunk of the part. */
  push(chunk: Uint8Array): void {
    if (this.overflow) return;
    // Tags are ASCII, and no byte of a multi-byte UTF-8 character is `<` or `>`: latin1 is enough.
    const text =
      this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    const open = text.lastIndexOf('<');
    const end = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
    this.carry = text.slice(end);
    if (this.carry.length > MAX_TAG) {
      this.overflow = 'invalid';
      return;
    }
    for (const match of text.slice(0, end).matchAll(TAG)) {
      this.onTag(match[1] === '/', match[2]!, match[3]!);
      if (this.overflow) return;
    }
  }

  private onTag(closing: boolean, name: string, attributes: string): void {
    const selfClosing = attributes.endsWith('/');
    if (name === 'row') {
      if (closing) {
        this.inRow = false;
        return;
      }
      const r = ROW_NUMBER.exec(attributes);
      this.rowNumber = r ? Number(r[1]) : this.rowNumber + 1;
      this.inRow = !selfClosing;
      this.rowHasValue = false;
      this.column = 0;
      if (this.rowNumber > MAX_ROW_NUMBER) this.overflow = 'invalid';
    } else if (name === 'c' && !closing) {
      const ref = CELL_REF.exec(attributes);
      this.column = ref ? columnNumber(ref[1]!) : this.column + 1;
      if (ref?.[2]) this.rowNumber = Number(ref[2]);
      if (this.rowNumber > MAX_ROW_NUMBER) this.overflow = 'invalid';
    } else if ((name === 'v' || name === 'is') && !closing && !selfClosing && this.inRow) {
      this.onValue();
    }
  }

  private onValue(): void {
    if (this.column > VALUE_COLUMN_LIMIT) {
      this.overflow = 'wideRow';
      return;
    }
    if (this.rowHasValue) return;
    this.rowHasValue = true;
    this.valueRows += 1;
    if (this.valueRows > this.maxValueRows) this.overflow = 'rows';
    else if (this.rowNumber > VALUE_ROW_LIMIT) this.overflow = 'farRow';
  }
}
