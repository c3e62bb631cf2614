import { hasLoneSurrogate, safeText, visibleText } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const name = safeText({ label: '名称', min: 2, max: 10 });
const note = safeText({ label: '说明', max: 20, multiline: true });

const messages = {
  empty: '请填写名称',
  tooShort: '名称至少 2 个字',
  tooLong: '名称最多 10 个字',
  control: '名称不能包含换行、制表符等控制字符',
  bidi: '名称不能包含改变文字方向的隐藏字符',
  malformed: '名称含有无法识别的字符，请重新输入',
};

/** The value it stores, or the one message it answers. */
function check(schema: typeof name, value: unknown): { ok: string } | { refused: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: result.data };
  expect(result.error.issues).toHaveLength(1);
  return { refused: result.error.issues[0]!.message };
}

/** Characters nobody sees: zero-width, fillers, joiners, variation selectors, tags, spaces. */
const invisible = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u034f',
  '\u115f',
  '\u1160',
  '\u3164',
  '\uffa0',
  '\u180e',
  '\ufe0f',
  '\u{e0041}',
  '\u2800',
  ' ',
  '\u00a0',
  '\u3000',
  '\u2002',
  '\u202f',
];
const bidi = [
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const controls = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
  '\u2028',
  '\u2029',
];
/** Visible text that passes: CJK, Latin, digits, emoji and punctuation people use in names. */
const visibleChar = fc.constantFrom(...'杨舍镇驿站爱心环卫工人服务站AbcZ09（）·-—、#😀'.split(/(?:)/u));
const goodText = fc.array(visibleChar, { minLength: 2, maxLength: 10 }).map((chars) => chars.join(''));

describe('Schema: safeText', () => {
  it.each([
    ['杨舍驿站', '杨舍驿站'],
    ['  杨舍驿站\u3000', '杨舍驿站'],
    ['\ufeff杨舍驿站', '杨舍驿站'],
    ['Cafe\u0301', 'Café'],
    ['驿站😀', '驿站😀'],
    ['杨\u200b舍', '杨\u200b舍'],
    ['一二三四五六七八九十', '一二三四五六七八九十'],
  ])('accepts %j as %j (NFC, trimmed)', (input, stored) => {
    expect(check(name, input)).toStrictEqual({ ok: stored });
  });

  it.each([
    ['', messages.empty],
    ['   ', messages.empty],
    ['\u200b\u200b\u200b', messages.empty],
    ['\u3164\u3164', messages.empty],
    ['\u2800\u2800', messages.empty],
    ['\u{e0041}\u{e0042}', messages.empty],
    ['名', messages.tooShort],
    ['名\u200b', messages.tooShort],
    ['一二三四五六七八九十一', messages.tooLong],
    ['杨舍\u202e站驿', messages.bidi],
    ['\u2066杨舍驿站\u2069', messages.bidi],
    ['杨舍\u0000驿站', messages.control],
    ['杨舍\u001b[31m驿站', messages.control],
    ['杨舍\n驿站', messages.control],
    ['杨舍\t驿站', messages.control],
    ['杨舍\u0085驿站', messages.control],
    ['杨舍\u2028驿站', messages.control],
    ['杨舍\ud800驿站', messages.malformed],
    ['杨舍\udc00驿站', messages.malformed],
    ['杨舍驿站\ud83d', messages.malformed],
    [42, messages.empty],
    [null, messages.empty],
  ])('refuses %j: %s', (input, message) => {
    expect(check(name, input)).toStrictEqual({ refused: message });
  });

  it('lets a multi-line field keep line feeds and tabs (CR LF read as LF), and nothing else', () => {
    expect(check(note, '第一行\r\n第二行\t备注')).toStrictEqual({ ok: '第一行\n第二行\t备注' });
    expect(check(note, '第一行\u0000')).toStrictEqual({ refused: '说明不能包含控制字符' });
    expect(check(note, '第一行\u202e')).toStrictEqual({ refused: '说明不能包含改变文字方向的隐藏字符' });
  });

  it('takes replacement messages', () => {
    const reason = safeText({ label: '暂停原因', max: 60, messages: { empty: '请写明暂停原因' } });
    expect(reason.safeParse(' \u200b ').error?.issues[0]?.message).toBe('请写明暂停原因');
  });

  it('accepts visible text with spaces around it, stored trimmed and in NFC', () => {
    fc.assert(
      fc.property(goodText, fc.constantFrom('', ' ', '\u3000', '\t', '\n'), (text, pad) => {
        expect(check(name, `${pad}${text}${pad}`)).toStrictEqual({ ok: text.normalize('NFC') });
      }),
    );
  });

  it('refuses any text of invisible characters only as empty', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...invisible), { minLength: 1, maxLength: 12 }), (chars) => {
        expect(check(name, chars.join(''))).toStrictEqual({ refused: messages.empty });
      }),
    );
  });

  it('refuses a bidi control, a control character or a lone surrogate anywhere in good text', () => {
    const bad = fc.oneof(
      fc.constantFrom(...bidi).map((char) => [char, messages.bidi] as const),
      fc.constantFrom(...controls).map((char) => [char, messages.control] as const),
      fc
        .constantFrom('\ud800', '\udbff', '\udc00', '\udfff')
        .map((char) => [char, messages.malformed] as const),
    );
    fc.assert(
      fc.property(goodText, bad, fc.nat(), (text, [char, message], at) => {
        const chars = [...text];
        const i = 1 + (at % (chars.length - 1));
        const input = [...chars.slice(0, i), char, ...chars.slice(i)].join('');
        expect(check(name, input)).toStrictEqual({ refused: message });
      }),
    );
  });

  // Random strings are mostly refused; mixing in good text makes sure accepted ones are checked too.
  const anyText = fc.oneof(goodText, fc.string({ unit: 'binary', maxLength: 12 }));

  it('is idempotent: what it stores, it accepts unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyText, (input) => {
        const first = name.safeParse(input);
        if (!first.success) return;
        accepted += 1;
        expect(name.parse(first.data)).toBe(first.data);
      }),
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('never stores what a reader could not see or that could reorder the text', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyText, (input) => {
        const result = name.safeParse(input);
        if (!result.success) return;
        accepted += 1;
        expect(hasLoneSurrogate(result.data)).toBe(false);
        expect([...result.data].some((c) => controls.includes(c) || bidi.includes(c))).toBe(false);
        expect([...visibleText(result.data)].length).toBeGreaterThanOrEqual(2);
      }),
    );
    expect(accepted).toBeGreaterThan(10);
  });
});
