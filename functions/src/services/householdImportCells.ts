/**
 * How the household import reads the cells that hold more than one field's text: dates as ledgers
 * write them, money in yuan, lists of labels, the members of a household, the consent record.
 */
import {
  type ConsentDraft,
  consentDraftSchema,
  consentMethodLabels,
  consentScopeLabels,
  employmentLabels,
  type HouseholdImportColumnKey,
  type HouseholdMember,
  householdMemberSchema,
  memberConditionLabels,
  memberRelationLabels,
} from '@ankang/shared';
import {
  conditionByWord,
  employmentByWord,
  labelList,
  methodByWord,
  relationByWord,
  scopeByWord,
} from './householdImportVocabulary';
import type { Cell } from './importRows';
import { lookupKey } from './importVocabulary';

type HouseholdColumn = HouseholdImportColumnKey;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text; a date cell (read-excel-file gives UTC midnight) as YYYY-MM-DD. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  return String(cell).trim();
}

/** 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日 or 20250301 → 2025-03-01; anything else as it is. */
export function dateText(text: string): string {
  const normalised = text.normalize('NFKC').replace(/\s+/g, '');
  const parts =
    normalised.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ??
    normalised.match(/^(\d{4})(\d{2})(\d{2})$/);
  return parts ? `${parts[1]}-${pad(Number(parts[2]))}-${pad(Number(parts[3]))}` : normalised;
}

/**
 * Yuan as a ledger writes them (36000, 36,000.50, ¥36000元, 3.6万) → whole fen, or the reason it
 * is not an amount. A number cell is read as yuan too.
 */
export function yuanToFen(cell: Cell | undefined, label: string): number | string {
  if (typeof cell === 'number') {
    const fen = Math.round(cell * 100);
    if (Math.abs(cell * 100 - fen) > 1e-6) return `${label}最多两位小数（精确到分）`;
    return fen < 0 ? `${label}不能为负数` : fen;
  }
  const text = cellText(cell)
    .normalize('NFKC')
    .replace(/[\s,¥元]/g, '');
  if (/^-\d/.test(text)) return `${label}不能为负数`;
  const match = text.match(/^(\d+)(?:\.(\d+))?(万)?$/);
  if (!match) return `${label}应为金额（元），例如 36000 或 3.6万`;
  // Decimal digits, not floating point: 万 moves the point four places, and only fen may remain.
  const [, whole, fraction = '', wan] = match as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const yuan = wan ? `${whole}${fraction.slice(0, 4).padEnd(4, '0')}` : whole;
  const rest = (wan ? fraction.slice(4) : fraction).replace(/0+$/, '');
  if (rest.length > 2) return `${label}最多两位小数（精确到分）`;
  return Number(yuan) * 100 + Number(rest.padEnd(2, '0'));
}

/** Labels and codes separated by 、，, ; / or spaces. */
export const words = (text: string) =>
  text
    .normalize('NFKC')
    .split(/[、,;/|\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);

export const firstMessage = (error: { issues: { message: string }[] }) => error.issues[0]!.message;

const MEMBER_FORMAT = '关系 姓名 出生年份 健康状况 就业状况';

/**
 * 配偶 李某某 1982 慢性病 务农；子女 张某 2010 健康 在校 → the members besides the head. An empty
 * cell is a household of the head alone. One issue names every entry that cannot be read.
 */
export function readMembers(text: string, issue: (message: string) => void): HouseholdMember[] | undefined {
  const entries = text
    .normalize('NFKC')
    .split(/[;\n\r]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const members: HouseholdMember[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const where = `第 ${index + 1} 位“${entry}”`;
    const parts = entry.split(/[\s,、/]+/).filter(Boolean);
    if (parts.length !== 5) {
      problems.push(`${where}应为“${MEMBER_FORMAT}”`);
      return;
    }
    const [relationWord, name, yearWord, conditionWord, employmentWord] = parts as [
      string,
      string,
      string,
      string,
      string,
    ];
    const relation = relationByWord.get(lookupKey(relationWord));
    const condition = conditionByWord.get(lookupKey(conditionWord));
    const employment = employmentByWord.get(lookupKey(employmentWord));
    const wrong: string[] = [];
    if (!relation) wrong.push(`关系可填：${labelList(memberRelationLabels)}`);
    else if (relation === 'self')
      wrong.push('户主本人不必列入，健康和就业情况填在“户主健康状况”“户主就业状况”列');
    if (!/^\d{4}年?$/.test(yearWord)) wrong.push('出生年份应为 4 位数字，例如 1982');
    if (!condition) wrong.push(`健康状况可填：${labelList(memberConditionLabels)}`);
    if (!employment) wrong.push(`就业状况可填：${labelList(employmentLabels)}`);
    if (wrong.length > 0) {
      problems.push(`${where}：${wrong.join('；')}`);
      return;
    }
    const parsed = householdMemberSchema.safeParse({
      relation,
      name,
      birthYear: Number(yearWord.replace('年', '')),
      condition,
      employment,
    });
    if (parsed.success) members.push(parsed.data);
    else problems.push(`${where}：${firstMessage(parsed.error)}`);
  });
  if (entries.length > 11) problems.push('家庭成员最多 12 人（含户主）');
  if (problems.length === 0) return members;
  issue(problems.join('；'));
  return undefined;
}

const consentColumn: Record<keyof ConsentDraft, HouseholdColumn> = {
  givenBy: 'consentGivenBy',
  relation: 'consentRelation',
  date: 'consentDate',
  scopes: 'consentScopes',
  method: 'consentMethod',
};

/**
 * The consent record, checked by the form's schema. 同意人关系 may be left empty when the head
 * agreed himself or herself; the scope and method have the usual defaults.
 */
export function readConsent(
  text: (key: HouseholdColumn) => string,
  has: (key: HouseholdColumn) => boolean,
  headName: string | undefined,
  issue: (key: HouseholdColumn, message: string) => void,
): ConsentDraft | undefined {
  const reported = new Set<HouseholdColumn>();
  const fail = (key: HouseholdColumn, message: string) => {
    reported.add(key);
    issue(key, message);
  };
  const givenBy = text('consentGivenBy');
  const relationText = has('consentRelation') ? text('consentRelation') : '';
  let relation = relationText ? relationByWord.get(lookupKey(relationText)) : 'self';
  if (!relation) {
    fail(
      'consentRelation',
      `无法识别的同意人关系“${relationText}”，可填：${labelList(memberRelationLabels)}`,
    );
  } else if (!relationText && givenBy && headName && givenBy.normalize('NFC') !== headName) {
    relation = undefined;
    fail('consentRelation', '同意人不是户主本人时，请填写同意人与户主的关系（如 配偶、子女）');
  }
  const scopeWords = has('consentScopes') ? words(text('consentScopes')) : [];
  const unknownScopes = scopeWords.filter((w) => !scopeByWord.has(lookupKey(w)));
  if (unknownScopes.length > 0) {
    fail(
      'consentScopes',
      `无法识别的同意范围“${unknownScopes.join('、')}”，可填：${labelList(consentScopeLabels)}`,
    );
  }
  const scopes =
    scopeWords.length > 0
      ? [...new Set(scopeWords.map((w) => scopeByWord.get(lookupKey(w))))]
      : ['filing', 'visits'];
  const methodText = has('consentMethod') ? text('consentMethod') : '';
  const method = methodText ? methodByWord.get(lookupKey(methodText)) : 'written';
  if (!method) {
    fail('consentMethod', `无法识别的同意方式“${methodText}”，可填：${labelList(consentMethodLabels)}`);
  }
  const date = text('consentDate');
  const parsed = consentDraftSchema.safeParse({
    givenBy,
    relation,
    date: date ? dateText(date) : undefined,
    scopes,
    method,
  });
  if (parsed.success) return reported.size === 0 ? parsed.data : undefined;
  for (const problem of parsed.error.issues) {
    const key = consentColumn[problem.path[0] as keyof ConsentDraft] ?? 'consentGivenBy';
    // One reason a cell: the first found, or the one given above.
    if (reported.has(key)) continue;
    fail(
      key,
      key === 'consentDate' && !date ? '请填写同意日期（户主或监护人同意建档的日期）' : problem.message,
    );
  }
  return undefined;
}
