import {
  type ConsentDraft,
  contactPhoneSchema,
  type Employment,
  employmentLabels,
  type HardshipCategory,
  type HardshipCause,
  type HardshipStatus,
  type HouseholdImportColumnKey,
  type HouseholdIncome,
  type HouseholdMember,
  hardshipCategoryLabels,
  hardshipCauseLabels,
  hardshipStatusLabels,
  householdEditFields,
  householdImportColumns,
  householdImportIgnoredHeaders,
  type ImportIssue,
  idNumberSchema,
  isWithinOrg,
  type MemberCondition,
  memberConditionLabels,
  orgPathSchema,
} from '@ankang/shared';
import {
  cellText,
  dateText,
  firstMessage,
  readConsent,
  readMembers,
  words,
  yuanToFen,
} from './householdImportCells';
import {
  categoryByWord,
  causeByWord,
  conditionByWord,
  employmentByWord,
  labelList,
  statusByWord,
} from './householdImportVocabulary';
import { columnSet, type Layout } from './importColumns';
import { phoneText } from './importMapping';
import type { Cell, SheetRow } from './importRows';
import { lookupKey } from './importVocabulary';

export type HouseholdColumn = HouseholdImportColumnKey;
/** The household import's columns, keyed by 身份证号. */
export const householdColumns = columnSet(householdImportColumns, 'idNumber', householdImportIgnoredHeaders);
export const householdColumnLabel = householdColumns.label;

/**
 * One data row read into household fields. Optional columns follow the station import: a column
 * left out of the file is absent here (an update keeps the stored value), a present but empty cell
 * is `null` for a field that may be empty and the default for one that has a default.
 */
export interface MappedHousehold {
  row: number;
  /** Normalised; empty when the cell is bad (an issue says why). */
  idNumber: string;
  /** Blank: the file's current org (update) or the import's org (create). */
  orgPath?: string;
  fields: {
    headName?: string;
    phone?: string;
    address?: string;
    category?: HardshipCategory;
    status?: HardshipStatus;
    exitDate?: string | null;
    causes?: HardshipCause[];
    notes?: string | null;
  };
  head: { condition?: MemberCondition; employment?: Employment };
  /** The members besides the head; absent when the 家庭成员 column is not in the file. */
  others?: HouseholdMember[];
  householdSize?: number;
  income: Partial<HouseholdIncome>;
  /** Whole when every consent cell is good (only a created file takes it). */
  consent?: ConsentDraft;
  issues: ImportIssue[];
}

/** Reads one data row; every bad cell becomes an issue naming its column in Chinese. */
export function mapHouseholdRow(
  sheetRow: SheetRow,
  layout: Layout<HouseholdColumn>,
  importOrg: string,
): MappedHousehold {
  const issues: ImportIssue[] = [];
  const has = (key: HouseholdColumn) => layout.index[key] !== undefined;
  const cell = (key: HouseholdColumn): Cell | undefined =>
    has(key) ? sheetRow.cells[layout.index[key]!] : undefined;
  const text = (key: HouseholdColumn) => cellText(cell(key));
  const issue = (key: HouseholdColumn, message: string) =>
    issues.push({ row: sheetRow.row, column: householdColumnLabel[key], message });
  /** One word of a vocabulary, or undefined with an issue when the cell is not one. */
  const pick = <T extends string>(
    key: HouseholdColumn,
    byWord: Map<string, T>,
    labels: Record<T, string>,
  ): T | undefined => {
    const word = text(key);
    const code = byWord.get(lookupKey(word));
    if (!code) issue(key, `无法识别的${householdColumnLabel[key]}“${word}”，可填：${labelList(labels)}`);
    return code;
  };
  const mapped: MappedHousehold = {
    row: sheetRow.row,
    idNumber: '',
    fields: {},
    head: {},
    income: {},
    issues,
  };

  mapped.idNumber = readIdNumber(cell('idNumber'), (message) => issue('idNumber', message));

  // Each text column is checked by its field's schema: an import refuses what the form refuses.
  for (const key of ['headName', 'address'] as const) {
    const parsed = householdEditFields[key].safeParse(text(key));
    if (parsed.success) mapped.fields[key] = parsed.data;
    else issue(key, firstMessage(parsed.error));
  }
  const phoneCell = phoneText(cell('phone'));
  const phone = contactPhoneSchema.safeParse(phoneCell);
  if (!phoneCell) issue('phone', '请填写联系电话');
  else if (phone.success) mapped.fields.phone = phone.data;
  else issue('phone', firstMessage(phone.error));

  const orgText = text('orgPath');
  if (orgText) {
    const parsed = orgPathSchema.safeParse(orgText);
    if (!parsed.success) issue('orgPath', firstMessage(parsed.error));
    else if (!isWithinOrg(parsed.data, importOrg))
      issue('orgPath', `所属组织“${orgText}”不在本次导入的组织（${importOrg}）之下`);
    else mapped.orgPath = parsed.data;
  }

  if (!text('category')) issue('category', `请填写困难类别，可填：${labelList(hardshipCategoryLabels)}`);
  else mapped.fields.category = pick('category', categoryByWord, hardshipCategoryLabels);

  if (has('status')) {
    mapped.fields.status = text('status') ? pick('status', statusByWord, hardshipStatusLabels) : 'active';
  }
  if (has('exitDate')) mapped.fields.exitDate = text('exitDate') ? dateText(text('exitDate')) : null;

  const causeWords = words(text('causes'));
  const unknownCauses = causeWords.filter((w) => !causeByWord.has(lookupKey(w)));
  if (causeWords.length === 0) issue('causes', `请填写致困原因，可填：${labelList(hardshipCauseLabels)}`);
  else if (unknownCauses.length > 0)
    issue(
      'causes',
      `无法识别的致困原因“${unknownCauses.join('、')}”，可填：${labelList(hardshipCauseLabels)}`,
    );
  // 因病、疾病 are one cause: the same code twice is read once.
  else mapped.fields.causes = [...new Set(causeWords.map((w) => causeByWord.get(lookupKey(w))!))];

  if (has('notes')) {
    const notes = text('notes');
    const parsed = notes ? householdEditFields.notes.safeParse(notes) : undefined;
    if (parsed && !parsed.success) issue('notes', firstMessage(parsed.error));
    else mapped.fields.notes = parsed ? (parsed.data ?? null) : null;
  }

  const size = text('householdSize')
    .normalize('NFKC')
    .replace(/\s+|人$/g, '');
  if (!/^\d{1,2}$/.test(size) || Number(size) < 1 || Number(size) > 12)
    issue('householdSize', size ? `家庭人口应为 1–12 的整数，当前为“${size}”` : '请填写家庭人口');
  else mapped.householdSize = Number(size);

  if (has('headCondition'))
    mapped.head.condition = text('headCondition')
      ? pick('headCondition', conditionByWord, memberConditionLabels)
      : 'healthy';
  if (has('headEmployment'))
    mapped.head.employment = text('headEmployment')
      ? pick('headEmployment', employmentByWord, employmentLabels)
      : 'employed';
  if (has('members')) {
    mapped.others = readMembers(text('members'), (message) => issue('members', message));
  }

  readIncome(cell, has, (key, message) => issue(key, message), mapped.income);
  mapped.consent = readConsent(text, has, mapped.fields.headName, issue);
  return mapped;
}

/**
 * The ID number cell: Excel keeps 15 significant digits, so an 18-digit number typed into a number
 * cell has already lost its last digits and cannot be read back.
 */
function readIdNumber(cell: Cell | undefined, issue: (message: string) => void): string {
  if (typeof cell === 'number') {
    issue('身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写');
    return '';
  }
  const text = cellText(cell);
  if (!text) {
    issue('请填写身份证号码');
    return '';
  }
  const parsed = idNumberSchema.safeParse(text);
  if (parsed.success) return parsed.data;
  issue(firstMessage(parsed.error));
  return '';
}

const incomeColumns = {
  annualIncome: 'annualIncomeFen',
  fixedSpending: 'annualFixedSpendingFen',
  medicalCosts: 'medicalAccidentCostsFen',
} as const satisfies Partial<Record<HouseholdColumn, keyof HouseholdIncome>>;

/** The three amounts; the optional two are 0 when their cell is empty. */
function readIncome(
  cell: (key: HouseholdColumn) => Cell | undefined,
  has: (key: HouseholdColumn) => boolean,
  issue: (key: HouseholdColumn, message: string) => void,
  income: Partial<HouseholdIncome>,
): void {
  for (const [key, field] of Object.entries(incomeColumns) as [
    keyof typeof incomeColumns,
    keyof HouseholdIncome,
  ][]) {
    if (!has(key)) continue;
    const label = householdColumnLabel[key].replace(/（元）$/, '');
    const value = cell(key);
    if (cellText(value) === '') {
      if (key === 'annualIncome') issue(key, `请填写${label}`);
      else income[field] = 0;
      continue;
    }
    const fen = yuanToFen(value, label);
    if (typeof fen === 'string') issue(key, fen);
    else income[field] = fen;
  }
}

/** The head of the household as its `self` member: the year of birth is in the ID number. */
export function headMember(
  row: MappedHousehold,
  previous: HouseholdMember | undefined,
): HouseholdMember | undefined {
  if (!row.idNumber || !row.fields.headName) return undefined;
  return {
    relation: 'self',
    name: row.fields.headName,
    birthYear: Number(row.idNumber.slice(6, 10)),
    condition: row.head.condition ?? previous?.condition ?? 'healthy',
    employment: row.head.employment ?? previous?.employment ?? 'employed',
  };
}
