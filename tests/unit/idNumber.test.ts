import {
  idNumberCheckDigit,
  idNumberProblem,
  idNumberSchema,
  isValidIdNumber,
  maskedIdNumberSchema,
  maskedPhoneSchema,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** 2026-11-27 00:30 in Shanghai, still 26 November in UTC. */
const now = new Date('2026-11-26T16:30:00Z');

// Check characters below were worked out by hand from GB 11643-1999 (weighted sum mod 11 → 10X98765432);
// e.g. 11010519491231002X is the standard's own example: sum 167, 167 mod 11 = 2 → X.
const valid = [
  '11010519491231002X',
  '320582198507151231', // sum 330, mod 11 = 0 → 1
  '320571200002290042', // 2000 is a leap year; sum 219, mod 11 = 10 → 2
  '440308199602292136', // 1996 is a leap year; sum 303, mod 11 = 6 → 6
  '810000199001010019', // Hong Kong residence permit code 81
  '650102190001010032', // the earliest year allowed
  '320582202611270029', // born today in Shanghai (27 Nov), while UTC still says 26 Nov
];

/** An independent MOD 11-2 from ISO 7064: Σ aᵢ·2^(18−i) mod 11, the check makes the total ≡ 1. */
function oracleCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

const provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46];
const moreProvinces = [50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91];

/** A random real birth date 1900-01-01 … 2025-12-31 as YYYYMMDD, through the platform's own Date. */
const birthDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2025, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''));

const first17 = fc
  .tuple(
    fc.constantFrom(...provinces, ...moreProvinces),
    fc.integer({ min: 0, max: 9999 }),
    birthDate,
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([p, area, date, seq]) => `${p}${String(area).padStart(4, '0')}${date}${String(seq).padStart(3, '0')}`,
  );

describe('Domain: isValidIdNumber', () => {
  it.each(valid)('accepts %s', (id) => {
    expect(isValidIdNumber(id, now)).toBe(true);
  });

  it('accepts a lowercase check x', () => {
    expect(isValidIdNumber('11010519491231002x', now)).toBe(true);
  });

  it.each([
    ['320582198507151232', 'checkDigit'],
    ['11010519491231002A', 'characters'],
    ['110105194912310029', 'checkDigit'],
    ['320582190002290010', 'birthDate'], // 1900 was not a leap year (check digit otherwise right)
    ['320582198502301237', 'birthDate'], // 30 February
    ['320582198513151238', 'birthDate'], // month 13
    ['320582189912310027', 'birthDate'], // before 1900
    ['320582202611280024', 'birthDate'], // tomorrow in Shanghai
    ['100582198507151230', 'province'],
    ['720582198507151236', 'province'],
    ['110105491231002', 'length'], // the 15-digit pre-1999 form
    ['11010519491231002', 'length'],
    ['11010519491231002X1', 'length'],
    ['', 'length'],
    ['11010519491231002 ', 'characters'],
    ['1101051949123100２X', 'characters'], // a full-width digit as given
    ['11010519491231X02X', 'characters'],
    ['abcdefghijklmnopqr', 'characters'],
  ])('refuses %s (%s)', (id, problem) => {
    expect(idNumberProblem(id, now)).toBe(problem);
    expect(isValidIdNumber(id, now)).toBe(false);
  });

  it('refuses a birth date after today in Asia/Shanghai, not UTC', () => {
    const lateOn26th = new Date('2026-11-26T15:59:00Z'); // 23:59 on 26 Nov in Shanghai
    expect(isValidIdNumber('320582202611270029', lateOn26th)).toBe(false);
    expect(isValidIdNumber('320582202611270029', now)).toBe(true);
  });

  it('agrees with an independent MOD 11-2 on random numbers', () => {
    fc.assert(
      fc.property(first17, (digits) => {
        const check = oracleCheck(digits);
        expect(idNumberCheckDigit(digits)).toBe(check);
        expect(isValidIdNumber(digits + check, now)).toBe(true);
        for (const wrong of '0123456789X'.replace(check, '')) {
          expect(isValidIdNumber(digits + wrong, now)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('catches every single-digit change and every swap of neighbouring digits', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (d, at, by) => {
        const id = d + oracleCheck(d);
        const changed = `${id.slice(0, at)}${(Number(id[at]) + by) % 10}${id.slice(at + 1)}`;
        expect(idNumberCheckDigit(changed.slice(0, 17)) === changed[17]).toBe(false);
        if (at < 16 && id[at] !== id[at + 1]) {
          const swapped = `${id.slice(0, at)}${id[at + 1]}${id[at]}${id.slice(at + 2)}`;
          expect(idNumberCheckDigit(swapped.slice(0, 17)) === swapped[17]).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses anything but 17 digits for a check digit', () => {
    expect(() => idNumberCheckDigit('1101051949123100')).toThrow();
    expect(() => idNumberCheckDigit('1101051949123100A')).toThrow();
  });
});

describe('Schema: idNumberSchema', () => {
  it('normalises spaces, full-width characters and a lowercase x', () => {
    expect(normaliseIdNumber(' １１０１０５１９４９１２３１００２ｘ\u3000')).toBe('11010519491231002X');
    expect(idNumberSchema.parse(' １１０１０５１９４９１２３１００２ｘ ')).toBe('11010519491231002X');
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it.each([
    ['110105491231002', '身份证号码应为 18 位'],
    ['320582198502301237', '出生日期不正确'],
    ['320582198507151232', '校验位不正确，请核对'],
    ['100582198507151230', '身份证号码的地区码不正确'],
    ['11010519491231X02X', '身份证号码应为 17 位数字加 1 位数字或 X'],
  ])('refuses %s with “%s”', (raw, message) => {
    const result = idNumberSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toStrictEqual([message]);
  });

  it('refuses a non-string with a request to fill it in', () => {
    expect(idNumberSchema.safeParse(undefined).error?.issues[0]?.message).toBe('请填写身份证号码');
  });
});

describe('Domain: masking', () => {
  it('keeps the first 4 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('32010119870312345X')).toBe('3201**********345X');
    expect(maskIdNumber('320582198507151231')).toBe('3205**********1231');
  });

  it('masked ID numbers parse; full ones, short masks and letters do not', () => {
    expect(maskedIdNumberSchema.safeParse('3201**********345X').success).toBe(true);
    for (const bad of [
      '32010119870312345X',
      '3201*********2345X',
      '3201**********345x',
      'ABCD**********345X',
    ]) {
      expect(maskedIdNumberSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('masked phones parse for mobiles and landlines; full numbers do not', () => {
    for (const phone of ['13812345678', '0512-58681234', '010-12345678', '0512-5868123-88']) {
      expect(maskedPhoneSchema.safeParse(maskPhone(phone)).success).toBe(true);
    }
    expect(maskPhone('0512-58681234')).toBe('0512-****1234');
    for (const bad of ['13812345678', '0512-58681234', '138****56789', '1381234****', '051258681234', '']) {
      expect(maskedPhoneSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('random valid ID numbers and mobiles mask to values the masked schemas accept, never the full value', () => {
    fc.assert(
      fc.property(first17, fc.stringMatching(/^1[3-9]\d{9}$/), (digits, mobile) => {
        const id = digits + oracleCheck(digits);
        expect(maskedIdNumberSchema.safeParse(maskIdNumber(id)).success).toBe(true);
        expect(maskedIdNumberSchema.safeParse(id).success).toBe(false);
        expect(maskedPhoneSchema.safeParse(maskPhone(mobile)).success).toBe(true);
        expect(maskedPhoneSchema.safeParse(mobile).success).toBe(false);
      }),
    );
  });
});
