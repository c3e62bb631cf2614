import { z } from 'zod';
import { daysFromCivil, daysInMonth, localDay, localMs } from './shanghaiTime';

/**
 * Resident ID numbers (居民身份证号码) by GB 11643-1999: 6-digit area code, 8-digit birth date
 * YYYYMMDD, 3-digit sequence (odd for men), and a check character by ISO 7064 MOD 11-2 over the
 * first 17 digits. Pure and engine-neutral (no Intl, no Buffer): the mini-program runs it too.
 */

/** ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11 for positions 1 … 17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each remainder 0 … 10 of the weighted sum mod 11. */
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes (the area code's first two digits) GB/T 2260 assigns, plus 71 台湾,
 * 81 香港, 82 澳门, 83 (港澳台居民居住证) and 91 (former overseas code).
 */
const PROVINCE_RANGES: readonly (readonly [number, number])[] = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
  [91, 91],
];

const SHAPE = /^\d{17}[\dX]$/;

/** The check character ('0'–'9' or 'X') of the first 17 digits of an ID number. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Why a number is not a valid ID number; null when it is one. */
export type IdNumberProblem = 'length' | 'characters' | 'province' | 'birthDate' | 'checkDigit';

/** What a person is told for each problem (form messages, import row reasons). */
export const idNumberProblemLabels: Record<IdNumberProblem, string> = {
  length: '身份证号码应为 18 位',
  characters: '身份证号码应为 17 位数字加 1 位数字或 X',
  province: '身份证号码的地区码不正确',
  birthDate: '出生日期不正确',
  checkDigit: '校验位不正确，请核对',
};

function birthDateProblem(id: string, now: Date): boolean {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return true;
  return daysFromCivil(year, month, day) > localDay(localMs(now));
}

/**
 * The first problem of an ID number as given (only a lowercase check `x` is forgiven; run
 * `normaliseIdNumber` first for typed input), or null when valid on `now` (birth dates after
 * today in Asia/Shanghai are refused). A 15-digit pre-1999 number is a `length` problem.
 */
export function idNumberProblem(id: string, now: Date = new Date()): IdNumberProblem | null {
  if (id.length !== 18) return 'length';
  const upper = id.slice(0, 17) + id.slice(17).toUpperCase();
  if (!SHAPE.test(upper)) return 'characters';
  const province = Number(upper.slice(0, 2));
  if (!PROVINCE_RANGES.some(([from, to]) => province >= from && province <= to)) return 'province';
  if (birthDateProblem(upper, now)) return 'birthDate';
  return idNumberCheckDigit(upper.slice(0, 17)) === upper[17] ? null : 'checkDigit';
}

/** GB 11643-1999: 18 characters, a real province, a real birth date not after today, a good check. */
export function isValidIdNumber(id: string, now: Date = new Date()): boolean {
  return idNumberProblem(id, now) === null;
}

/** Typed input in stored form: trimmed, full-width characters half-width (NFKC), `x` as `X`. */
export function normaliseIdNumber(raw: string): string {
  return raw.normalize('NFKC').trim().toUpperCase();
}

/** An ID number as typed → its normalised form, or a precise Chinese message of what is wrong. */
export const idNumberSchema = z.string({ error: '请填写身份证号码' }).transform((raw, ctx) => {
  const id = normaliseIdNumber(raw);
  const problem = idNumberProblem(id);
  if (problem === null) return id;
  ctx.addIssue({ code: 'custom', message: idNumberProblemLabels[problem], input: raw });
  return z.NEVER;
});
export type IdNumber = z.output<typeof idNumberSchema>;

/** First 4 and last 4 characters with 10 stars between: `3201**********123X`. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`;
}

/** A masked ID number; it has no room for a full one. */
export const maskedIdNumberSchema = z.string().regex(/^\d{4}\*{10}\d{3}[\dX]$/, '身份证号码未脱敏');

/**
 * A phone as `maskPhone` shows it: mobile `138****5678`, landline `0512-****1234` (extension
 * dropped), or `****` for a number it could not read. Never an unmasked digit run longer than 4.
 */
export const maskedPhoneSchema = z
  .string()
  .regex(/^(?:1[3-9]\d\*{4}\d{4}|0\d{2,3}-\*{4}\d{4}|\*{4})$/, '联系电话未脱敏');
