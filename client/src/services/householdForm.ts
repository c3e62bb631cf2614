import {
  type ConsentMethod,
  type ConsentScope,
  type Employment,
  type HardshipCategory,
  type HardshipCause,
  type HardshipStatus,
  type HouseholdFile,
  householdCreateSchema,
  householdEditSchema,
  type MemberCondition,
  type MemberRelation,
  perCapitaMonthlyFen,
} from '@ankang/shared';
import type { HouseholdEditBody, NewHouseholdBody } from './hardship';
import { fenOf, yuanText } from './staffCampaignForm';

export interface MemberRow {
  key: string;
  relation: MemberRelation;
  name: string;
  birthYear: string;
  condition: MemberCondition;
  employment: Employment;
}

export interface HouseholdFormValues {
  orgPath: string;
  headName: string;
  /** Typed on a new file only: an ID number never changes (a new number is a new file). */
  idNumber: string;
  phone: string;
  address: string;
  members: MemberRow[];
  category: HardshipCategory | '';
  status: HardshipStatus;
  exitDate: string;
  causes: HardshipCause[];
  /** Yuan as typed (up to 2 decimals). */
  income: string;
  spending: string;
  medical: string;
  /** Kept from the loaded file (no picker yet); absent on a new file: the server makes it the caller. */
  caseworkerUserId?: string;
  consent: {
    givenBy: string;
    relation: MemberRelation;
    date: string;
    scopes: ConsentScope[];
    method: ConsentMethod | '';
  };
  notes: string;
}

/** Messages by the schema's path (`headName`, `members.0.name`, `consent.scopes`, `income.annualIncomeFen`). */
export type HouseholdFormErrors = Record<string, string | undefined>;

let rows = 0;
const rowKey = () => `m${++rows}`;

export function newMemberRow(relation: MemberRelation = 'spouse'): MemberRow {
  return { key: rowKey(), relation, name: '', birthYear: '', condition: 'healthy', employment: 'employed' };
}

export function emptyHouseholdForm(orgPath: string): HouseholdFormValues {
  return {
    orgPath,
    headName: '',
    idNumber: '',
    phone: '',
    address: '',
    members: [newMemberRow('self')],
    category: '',
    status: 'active',
    exitDate: '',
    causes: [],
    income: '',
    spending: '',
    medical: '',
    // 建档 is what the consent is for: always on.
    consent: { givenBy: '', relation: 'self', date: '', scopes: ['filing'], method: '' },
    notes: '',
  };
}

export function householdToForm(file: HouseholdFile): HouseholdFormValues {
  return {
    orgPath: file.orgPath,
    headName: file.headName,
    idNumber: '',
    phone: '',
    address: file.address,
    members: file.members.map((m) => ({ ...m, key: rowKey(), birthYear: String(m.birthYear) })),
    category: file.category,
    status: file.status,
    exitDate: file.exitDate ?? '',
    causes: [...file.causes],
    income: yuanText(file.income.annualIncomeFen),
    spending: yuanText(file.income.annualFixedSpendingFen),
    medical: yuanText(file.income.medicalAccidentCostsFen),
    caseworkerUserId: file.caseworkerUserId,
    consent: {
      givenBy: file.consent.givenBy,
      relation: file.consent.relation,
      date: file.consent.date,
      scopes: [...file.consent.scopes],
      method: file.consent.method,
    },
    notes: file.notes ?? '',
  };
}

const moneyMessage = '请填写金额（元），最多两位小数，例如 36000 或 1500.50';

/** The figures as far as they are typed: per-capita once income, spending and members are known. */
export function typedFigures(
  values: Pick<HouseholdFormValues, 'income' | 'spending' | 'medical' | 'members'>,
) {
  const income = fenOf(values.income);
  const spending = fenOf(values.spending);
  const medical = fenOf(values.medical);
  const size = values.members.length;
  const perCapita =
    typeof income === 'number' && typeof spending === 'number' && size > 0
      ? perCapitaMonthlyFen({
          annualIncomeFen: income,
          annualFixedSpendingFen: spending,
          householdSize: size,
        })
      : null;
  return {
    income: typeof income === 'number' ? income : null,
    medical: typeof medical === 'number' ? medical : 0,
    perCapita,
  };
}

function issuesToErrors(issues: { path: PropertyKey[]; message: string }[]): HouseholdFormErrors {
  const errors: HouseholdFormErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A 400's field issues (`body.members.0.name`) on the form's keys. */
export function householdErrorsFromIssues(issues: { path: string; message: string }[]): HouseholdFormErrors {
  return issuesToErrors(
    issues.map((i) => ({ path: i.path.replace(/^body\./, '').split('.'), message: i.message })),
  );
}

/** Blanks get a plain request to fill them (the schema's own message for a missing choice is technical). */
function blanks(values: HouseholdFormValues, errors: HouseholdFormErrors): void {
  if (!values.category) errors.category = '请选择困难类别';
  if (values.status === 'exited' && !values.exitDate) errors.exitDate = '已脱困须填写脱困日期';
  if (!values.consent.method) errors['consent.method'] = '请选择同意方式';
  if (!values.consent.date) errors['consent.date'] = '请选择同意日期';
  values.members.forEach((m, i) => {
    if (!/^\d{4}$/.test(m.birthYear.trim())) errors[`members.${i}.birthYear`] = '请填写 4 位出生年份';
  });
}

function bodyOf(values: HouseholdFormValues, errors: HouseholdFormErrors) {
  blanks(values, errors);
  const money = (text: string, key: string) => {
    const fen = fenOf(text);
    if (fen === null) errors[key] = moneyMessage;
    return fen ?? undefined;
  };
  const text = (value: string) => (value.trim() ? value : undefined);
  return {
    orgPath: values.orgPath,
    headName: values.headName,
    // On an edit the stored phone is only known masked: blank keeps it (when the API allows).
    phone: text(values.phone),
    address: values.address,
    members: values.members.map((m) => ({
      relation: m.relation,
      name: m.name,
      birthYear: /^\d{4}$/.test(m.birthYear.trim()) ? Number(m.birthYear.trim()) : undefined,
      condition: m.condition,
      employment: m.employment,
    })),
    category: values.category || undefined,
    status: values.status,
    exitDate: values.status === 'exited' ? text(values.exitDate) : undefined,
    causes: values.causes,
    income: {
      annualIncomeFen: money(values.income, 'income.annualIncomeFen'),
      annualFixedSpendingFen: money(values.spending, 'income.annualFixedSpendingFen'),
      medicalAccidentCostsFen: money(values.medical, 'income.medicalAccidentCostsFen'),
    },
    caseworkerUserId: values.caseworkerUserId,
    consent: {
      givenBy: values.consent.givenBy,
      relation: values.consent.relation,
      date: text(values.consent.date),
      scopes: values.consent.scopes,
      method: values.consent.method || undefined,
    },
    notes: text(values.notes),
  };
}

/**
 * Checks a new file with the API's own schema: the body to send, or Chinese messages by field. A
 * file cannot be sent without its consent record (the schema requires it).
 */
export function newHouseholdBody(
  id: string,
  values: HouseholdFormValues,
): { body: NewHouseholdBody } | { errors: HouseholdFormErrors } {
  const errors: HouseholdFormErrors = {};
  const body = { id, ...bodyOf(values, errors), idNumber: values.idNumber };
  const parsed = householdCreateSchema.safeParse(body);
  if (!parsed.success) Object.assign(errors, { ...issuesToErrors(parsed.error.issues), ...errors });
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  // The raw values, not the parsed ones: the server normalises them itself.
  return { body: body as NewHouseholdBody };
}

export function householdEditBody(
  version: number,
  values: HouseholdFormValues,
): { body: HouseholdEditBody } | { errors: HouseholdFormErrors } {
  const errors: HouseholdFormErrors = {};
  const body = { version, ...bodyOf(values, errors) };
  const parsed = householdEditSchema.safeParse(body);
  if (!parsed.success) Object.assign(errors, { ...issuesToErrors(parsed.error.issues), ...errors });
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: body as HouseholdEditBody };
}
