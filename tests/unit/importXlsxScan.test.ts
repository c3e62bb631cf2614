import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SheetScan, VALUE_COLUMN_LIMIT, VALUE_ROW_LIMIT } from '../../functions/src/services/importXlsxScan';

const cell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
const numberCell = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;
const sheet = (rows: string) =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const valueRows = (count: number, from = 1) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<row r="${from + i}">${cell(`A${from + i}`, `驿站${i}`)}${numberCell(`B${from + i}`, i)}</row>`,
  ).join('');

/** Feeds the XML in the given chunk sizes (cycled) and says why the scan gave up, if it did. */
function scan(xml: string, maxRows: number, sizes: number[] = [xml.length]) {
  const bytes = Buffer.from(xml, 'utf8');
  const scanner = new SheetScan(maxRows);
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    scanner.push(bytes.subarray(at, at + size));
    at += size;
  }
  return scanner.overflow;
}

describe('Service: SheetScan', () => {
  it('reads a sheet within the cap to the end', () => {
    expect(scan(sheet(valueRows(5)), 5)).toBeUndefined();
  });

  it('gives up at the first value row past the cap', () => {
    expect(scan(sheet(valueRows(6)), 5)).toBe('rows');
  });

  it('does not count rows without a value: styled cells, empty rows, formulas without a result', () => {
    const styled = Array.from(
      { length: 50 },
      (_, i) => `<row r="${i + 10}" ht="20" customHeight="1"><c r="A${i + 10}" s="3"/></row>`,
    ).join('');
    const emptyRows = '<row r="100"/><row r="101" spans="1:3"></row>';
    expect(scan(sheet(`${valueRows(5)}${styled}${emptyRows}`), 5)).toBeUndefined();
  });

  it('reads prefixed element names as read-excel-file does', () => {
    const prefixed = Array.from(
      { length: 3 },
      (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"><x:v>${i}</x:v></x:c></x:row>`,
    ).join('');
    expect(scan(prefixed, 2)).toBe('rows');
    expect(scan(prefixed, 3)).toBeUndefined();
  });

  it('ignores values outside rows (a chart’s <c:v> caches)', () => {
    const chart =
      '<c:chartSpace><c:ser><c:val><c:numCache><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="1"><c:v>2</c:v></c:pt></c:numCache></c:val></c:ser></c:chartSpace>';
    expect(scan(chart, 1)).toBeUndefined();
  });

  it('gives up on a value past row 20000 or column 100, and on a row number no sheet can have', () => {
    expect(scan(sheet(valueRows(1, VALUE_ROW_LIMIT + 1)), 10)).toBe('farRow');
    expect(scan(sheet(valueRows(1, VALUE_ROW_LIMIT)), 10)).toBeUndefined();
    expect(scan(sheet(`<row r="1">${numberCell('CW1', 1)}</row>`), 10)).toBe('wideRow');
    expect(scan(sheet(`<row r="1">${numberCell('CV1', 1)}</row>`), 10)).toBeUndefined();
    expect(VALUE_COLUMN_LIMIT).toBe(100);
    expect(scan(sheet(`<row r="1">${numberCell('XFD1', 1)}</row>`), 10)).toBe('wideRow');
    expect(scan(sheet('<row r="1048577"/>'), 10)).toBe('invalid');
  });

  it('gives up on a tag too long to be SpreadsheetML', () => {
    expect(scan(`<row r="1" x="${'a'.repeat(70_000)}`, 10)).toBe('invalid');
  });

  it('finds the same whatever the chunks the inflater gives it', () => {
    const xmls = [
      sheet(valueRows(7)),
      sheet(`${valueRows(3)}<row r="9000"/>${valueRows(2, 9001)}`),
      sheet(`<row r="1">${numberCell('CW1', 1)}</row>`),
      sheet(valueRows(2, VALUE_ROW_LIMIT)),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...xmls),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (xml, maxRows, sizes) => {
          expect(scan(xml, maxRows, sizes)).toBe(scan(xml, maxRows));
        },
      ),
    );
  });
});
