import { z } from 'zod';

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code, number, optional extension, as typed with dashes. */
const LANDLINE_TYPED = /^(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?$/;
const LANDLINE_DIGITS = /^0\d{9,11}$/;

/**
 * A phone in one stored form, or null: a mainland mobile as 11 digits, a landline as
 * `area-number[-ext]`. Without a typed dash the area code is 3 digits for 010 and 02x (Beijing and
 * the big cities), 4 otherwise, as China's numbering plan assigns them.
 */
export function canonicalContactPhone(raw: string): string | null {
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  // A mobile is often written 139-1234-5678; no landline starts with 1, so the dashes can go.
  const undashed = text.replace(/-/g, '');
  if (MOBILE.test(undashed)) return undashed;
  const typed = text.match(LANDLINE_TYPED);
  if (typed) return [typed[1], typed[2], typed[3]].filter(Boolean).join('-');
  if (!LANDLINE_DIGITS.test(text)) return null;
  const areaLength = /^0[12]/.test(text) ? 3 : 4;
  const number = text.slice(areaLength);
  return number.length >= 7 && number.length <= 8 ? `${text.slice(0, areaLength)}-${number}` : null;
}

/**
 * A person's phone as outreach contacts give it: a mainland mobile or a landline with its area
 * code. Service numbers (400, 95xxx) are not a person's phone and are refused.
 */
export const contactPhoneSchema = z.string({ error: '请填写联系电话' }).transform((raw, ctx) => {
  const phone = canonicalContactPhone(raw);
  if (phone !== null) return phone;
  ctx.addIssue({
    code: 'custom',
    message: '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话（如 0512-58681234）',
    input: raw,
  });
  return z.NEVER;
});
export type ContactPhone = z.output<typeof contactPhoneSchema>;

/**
 * A phone as everyone but staff in scope sees it: a mobile keeps its first 3 and last 4 digits,
 * a landline its area code and last 4 digits (138****5678, 0512-****1234).
 */
export function maskPhone(phone: string): string {
  if (MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const [area, number] = phone.split('-');
  if (area && number && number.length >= 4) return `${area}-****${number.slice(-4)}`;
  return '****';
}
