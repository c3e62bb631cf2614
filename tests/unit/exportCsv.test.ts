import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvDocument } from '../../functions/src/lib/csv';
import { csvReport } from '../../functions/src/services/exportDocument';

const BOM = [0xef, 0xbb, 0xbf];

/** An RFC 4180 reader written for this test: fields, quotes doubled inside quoted fields, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return rows;
}

const textOf = (buffer: Buffer) => buffer.subarray(3).toString('utf8');

describe('Export: csvDocument', () => {
  it('starts with the UTF-8 BOM and ends every row with CRLF, Chinese intact', () => {
    const file = csvDocument([
      ['日期', '站点'],
      ['2026-07-01', '杨舍镇环卫所'],
    ]);
    expect([...file.subarray(0, 3)]).toStrictEqual(BOM);
    expect(textOf(file)).toBe('日期,站点\r\n2026-07-01,杨舍镇环卫所\r\n');
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    const file = csvDocument([['a,b', 'say "hi"', 'line1\nline2', 'cr\rhere', 'plain']]);
    expect(textOf(file)).toBe('"a,b","say ""hi""","line1\nline2","cr\rhere",plain\r\n');
  });

  it('neutralises text that would start a formula, and leaves numbers and plain text', () => {
    const file = csvDocument([
      ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-12.5', 12.5, -3, '@SUM(A1)', null],
    ]);
    expect(parseCsv(textOf(file))).toStrictEqual([
      [`'=HYPERLINK("http://evil.example","点我")`, "'+1+2", '-12.5', '12.5', '-3', "'@SUM(A1)", ''],
    ]);
  });

  it('neutralises a cell starting with a tab or CR even inside quotes', () => {
    const file = csvDocument([['\t=1', '\r=cmd']]);
    expect(parseCsv(textOf(file))).toStrictEqual([["'\t=1", "'\r=cmd"]]);
  });

  it('round-trips any text: read back, each cell is its neutralised self', () => {
    // The rule restated independently: a formula start, unless the text is a plain number.
    const expected = (text: string) =>
      /^[=+\-@\t\r＝＋－＠]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    const table = fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(table, (rows) => {
        const back = parseCsv(textOf(csvDocument(rows)));
        expect(back).toStrictEqual(rows.map((row) => row.map(expected)));
      }),
    );
  });
});

describe('Export: csvReport', () => {
  it('writes money in 元 with two decimals', () => {
    const file = csvReport({
      name: '明细',
      widths: [10, 10],
      headingRows: new Set([0]),
      rows: [
        ['物资', '金额(元)'],
        ['矿泉水', { fen: 1250 }],
        ['藿香正气水', { fen: 7 }],
      ],
    });
    expect(parseCsv(textOf(file))).toStrictEqual([
      ['物资', '金额(元)'],
      ['矿泉水', '12.50'],
      ['藿香正气水', '0.07'],
    ]);
  });
});
