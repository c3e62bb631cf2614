/**
 * Spreadsheet formula injection (CSV injection): a cell a spreadsheet reads as a formula can run
 * one when staff open an export (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`, `@SUM(…)`), and the text in
 * our exports comes from people outside the union (station names, comments, sign-ups).
 *
 * OWASP's rule: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading `'`, which Excel, WPS and LibreOffice show as text. Full-width ＝＋－＠, which Excel on a
 * Chinese system also reads as a formula start, count too. Numbers stay numbers, and so does text
 * that is a plain number (`-12.5`): a spreadsheet reads it as the number, never as a formula.
 * Every CSV or XLSX the project writes passes each cell through `neutraliseCell`.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export type SpreadsheetCell = string | number | boolean | Date | null | undefined;

/** The cell as it is safe to write: text that would start a formula is prefixed with `'`. */
export function neutraliseCell<T extends SpreadsheetCell>(value: T): T | string {
  if (typeof value !== 'string') return value;
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
