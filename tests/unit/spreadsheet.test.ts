import { neutraliseCell } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

describe('Domain: neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")', `'=HYPERLINK("http://evil.example","点我")`],
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝１＋１', "'＝１＋１"],
    ['杨舍镇驿站', '杨舍镇驿站'],
    ['0512-58123456', '0512-58123456'],
    ['2023、2024', '2023、2024'],
    ['a=b', 'a=b'],
    ['', ''],
    ["'=already", "'=already"],
    ['-12.5', '-12.5'],
    ['+86', '+86'],
  ])('writes %j as %j', (value, written) => {
    expect(neutraliseCell(value)).toBe(written);
  });

  it.each([[-5], [0], [3.14], [true], [null], [undefined]])('leaves %j as it is', (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });

  it('keeps a date a date', () => {
    const date = new Date('2026-10-01T00:00:00Z');
    expect(neutraliseCell(date)).toBe(date);
  });

  it('never writes text that starts a formula, and only ever adds one leading quote', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMULA_START, '', 'a', '杨'), fc.string(), (start, rest) => {
        const value = `${start}${rest}`;
        const written = String(neutraliseCell(value));
        const isNumber = /^[+-]?\d+(\.\d+)?$/.test(value);
        expect(FORMULA_START.some((c) => written.startsWith(c)) && !isNumber).toBe(false);
        expect(written === value || written === `'${value}`).toBe(true);
      }),
    );
  });
});
