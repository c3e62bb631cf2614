import { z } from 'zod';

/**
 * Free text people type (names, addresses, reasons) that other people will read: normalised to NFC
 * and trimmed, and refused when it holds what a reader cannot see or what rearranges what they see:
 *
 * - control characters (C0, DEL, C1, and the Unicode line and paragraph separators); a multi-line
 *   field allows line feeds and tabs, and reads CR LF as LF;
 * - the Bidi_Control characters (U+061C, U+200E–200F, U+202A–202E, U+2066–2069), which can show a
 *   text in another order than it is stored, e.g. to disguise a name;
 * - unpaired UTF-16 surrogates, which are no character at all and break storage and display;
 * - text with nothing visible once zero-width and other invisible characters are taken out.
 *
 * Lengths count characters (code points), and the minimum counts visible ones: “名\u200B” is one
 * character too short for a two-character minimum.
 */
export interface SafeTextOptions {
  /** What the field is called in messages: 名称 → 请填写名称, 名称至少 2 个字. */
  label: string;
  /** Fewest visible characters; at least 1 (empty text is refused whatever this is). */
  min?: number;
  max: number;
  /** Allow line feeds and tabs (a comment, a note), not in a name or an address. */
  multiline?: boolean;
  /** Replace a generated message, e.g. `{ empty: '请填写暂停原因' }`. */
  messages?: Partial<SafeTextMessages>;
}

export interface SafeTextMessages {
  empty: string;
  tooShort: string;
  tooLong: string;
  control: string;
  bidi: string;
  malformed: string;
}

type Range = readonly [number, number];

const inRanges = (ranges: readonly Range[], code: number) =>
  ranges.some(([from, to]) => code >= from && code <= to);

/** C0, DEL and C1 controls, and the Unicode line and paragraph separators. */
const CONTROL: readonly Range[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x2029],
];
const LINE_FEED = 0x0a;
const TAB = 0x09;

/** Unicode's Bidi_Control characters. */
const BIDI_CONTROL: readonly Range[] = [
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];

/**
 * Unicode's Default_Ignorable_Code_Point set (zero-width spaces and joiners, soft hyphen, fillers,
 * variation selectors, tags …) and White_Space, plus the blank Braille pattern, which shows as a
 * space. Written out as ranges so every mini-program engine reads it the same.
 */
const INVISIBLE: readonly Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0x85, 0x85],
  [0xa0, 0xa0],
  [0xad, 0xad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x1680, 0x1680],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x2000, 0x200f],
  [0x2028, 0x202f],
  [0x205f, 0x206f],
  [0x2800, 0x2800],
  [0x3000, 0x3000],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];

const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0)!);

/** Whether the text holds a high surrogate without its low one, or a low one on its own. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** The characters of a text someone would see. */
export function visibleText(text: string): string {
  return [...text].filter((char) => !inRanges(INVISIBLE, char.codePointAt(0)!)).join('');
}

const characters = (text: string) => [...text].length;

/** NFC, CR LF as LF, trimmed; a lone surrogate is left for the check to refuse (NFC keeps it). */
function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/**
 * A zod string schema for free text a person types, with Chinese messages (see SafeTextOptions).
 * At most one issue per value: the first problem in the order malformed, control, direction,
 * empty, too short, too long.
 */
export function safeText(options: SafeTextOptions) {
  const { label, max, multiline = false } = options;
  const min = Math.max(1, options.min ?? 1);
  const messages: SafeTextMessages = {
    empty: `请填写${label}`,
    tooShort: `${label}至少 ${min} 个字`,
    tooLong: `${label}最多 ${max} 个字`,
    control: multiline ? `${label}不能包含控制字符` : `${label}不能包含换行、制表符等控制字符`,
    bidi: `${label}不能包含改变文字方向的隐藏字符`,
    malformed: `${label}含有无法识别的字符，请重新输入`,
    ...options.messages,
  };
  const isControl = (code: number) =>
    inRanges(CONTROL, code) && !(multiline && (code === LINE_FEED || code === TAB));
  return z
    .string({ error: messages.empty })
    .overwrite(normaliseText)
    .superRefine((text, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message, input: text });
      if (hasLoneSurrogate(text)) return fail(messages.malformed);
      const codes = codePoints(text);
      if (codes.some(isControl)) return fail(messages.control);
      if (codes.some((code) => inRanges(BIDI_CONTROL, code))) return fail(messages.bidi);
      const visible = characters(visibleText(text));
      if (visible === 0) return fail(messages.empty);
      if (visible < min) return fail(messages.tooShort);
      if (characters(text) > max) return fail(messages.tooLong);
    });
}
