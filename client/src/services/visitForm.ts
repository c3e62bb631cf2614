import {
  type Employment,
  type HousingProblem,
  type LargeSpendingKind,
  type MemberRelation,
  perCapitaMonthlyFen,
  type Visit,
  type VisitIncidentKind,
  type VisitMode,
  type VisitRisk,
  visitCreateSchema,
} from '@ankang/shared';
import { z } from 'zod';
import type { NewVisitBody } from './hardship';
import { addDays } from './outreachDates';
import { fenOf, yuanText } from './staffCampaignForm';

export interface EarnerRow {
  key: string;
  relation: MemberRelation;
  employment: Employment;
  changed: boolean;
}

export interface SpendingRow {
  key: string;
  kind: LargeSpendingKind;
  amount: string;
  note: string;
}

export interface VisitFormValues {
  visitedOn: string;
  mode: VisitMode;
  /** Yuan as typed. */
  income: string;
  spending: string;
  householdSize: string;
  earners: EarnerRow[];
  incident: { on: boolean; kind: VisitIncidentKind; description: string; cost: string };
  spendings: SpendingRow[];
  housing: HousingProblem[];
  housingNote: string;
  risk: VisitRisk | '';
  notes: string;
  nextVisitDue: string;
  /** Picked by hand: the risk no longer moves it. */
  nextPicked: boolean;
}

/** A kept draft is read back only when it still has the form's shape (an older app may differ). */
export const visitFormValuesSchema = z.custom<VisitFormValues>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as VisitFormValues).earners) &&
    Array.isArray((value as VisitFormValues).spendings) &&
    typeof (value as VisitFormValues).incident === 'object',
);

export type VisitFormErrors = Record<string, string | undefined>;

let rows = 0;
const rowKey = (prefix: string) => `${prefix}${++rows}`;

export const newEarnerRow = (): EarnerRow => ({
  key: rowKey('e'),
  relation: 'self',
  employment: 'employed',
  changed: false,
});
export const newSpendingRow = (): SpendingRow => ({
  key: rowKey('s'),
  kind: 'medical',
  amount: '',
  note: '',
});

/** Days to the next visit by the visitor's risk judgement: 高/中 a month, 低 a quarter. */
export const nextVisitDays: Record<VisitRisk, number> = { high: 30, medium: 30, low: 90 };

export function nextVisitFor(visitedOn: string, risk: VisitRisk | ''): string {
  return risk && visitedOn ? addDays(visitedOn, nextVisitDays[risk]) : '';
}

/** A new visit today, with the file's household size; money left for the visitor to ask. */
export function emptyVisitForm(today: string, householdSize: number): VisitFormValues {
  return {
    visitedOn: today,
    mode: 'home',
    income: '',
    spending: '',
    householdSize: String(householdSize),
    earners: [],
    incident: { on: false, kind: 'illness', description: '', cost: '' },
    spendings: [],
    housing: [],
    housingNote: '',
    risk: '',
    notes: '',
    nextVisitDue: '',
    nextPicked: false,
  };
}

/** A correction starts from the visit it corrects, so only the wrong figures are retyped. */
export function visitToForm(visit: Visit): VisitFormValues {
  return {
    visitedOn: visit.visitedOn,
    mode: visit.mode,
    income: yuanText(visit.annualIncomeFen),
    spending: yuanText(visit.annualFixedSpendingFen),
    householdSize: String(visit.householdSize),
    earners: visit.earners.map((e) => ({
      key: rowKey('e'),
      relation: e.relation,
      employment: e.employment,
      changed: e.changedSinceLastVisit,
    })),
    incident: visit.illnessOrAccident
      ? {
          on: true,
          kind: visit.illnessOrAccident.kind,
          description: visit.illnessOrAccident.description,
          cost: yuanText(visit.illnessOrAccident.expectedCostFen),
        }
      : { on: false, kind: 'illness', description: '', cost: '' },
    spendings: visit.largeSpending.map((s) => ({
      key: rowKey('s'),
      kind: s.kind,
      amount: yuanText(s.amountFen),
      note: s.note ?? '',
    })),
    housing: [...visit.housing],
    housingNote: visit.housingNote ?? '',
    risk: visit.risk,
    notes: visit.notes ?? '',
    nextVisitDue: visit.nextVisitDue,
    nextPicked: true,
  };
}

/** The per-capita figure as typed (computed, never typed), or null until income, spending and size read. */
export function typedPerCapita(values: Pick<VisitFormValues, 'income' | 'spending' | 'householdSize'>) {
  const income = fenOf(values.income);
  const spending = fenOf(values.spending);
  const size = /^\d{1,2}$/.test(values.householdSize.trim()) ? Number(values.householdSize.trim()) : 0;
  if (typeof income !== 'number' || typeof spending !== 'number' || size < 1) return null;
  return perCapitaMonthlyFen({
    annualIncomeFen: income,
    annualFixedSpendingFen: spending,
    householdSize: size,
  });
}

const moneyMessage = '请填写金额（元），最多两位小数';

export function visitErrorsFromIssues(issues: { path: string; message: string }[]): VisitFormErrors {
  const errors: VisitFormErrors = {};
  for (const issue of issues) errors[issue.path.replace(/^body\./, '')] ??= issue.message;
  return errors;
}

/**
 * Checks the form with the API's schema: the body to send (no per-capita field: the server
 * computes it), or Chinese messages by the schema's paths.
 */
export function visitBody(
  id: string,
  values: VisitFormValues,
  corrects: string | undefined,
): { body: NewVisitBody } | { errors: VisitFormErrors } {
  const errors: VisitFormErrors = {};
  const money = (text: string, key: string) => {
    const fen = fenOf(text);
    if (fen === null) errors[key] = moneyMessage;
    return fen ?? undefined;
  };
  const text = (value: string) => (value.trim() ? value : undefined);
  const size = values.householdSize.trim();
  const body = {
    id,
    visitedOn: values.visitedOn,
    mode: values.mode,
    annualIncomeFen: money(values.income, 'annualIncomeFen'),
    annualFixedSpendingFen: money(values.spending, 'annualFixedSpendingFen'),
    householdSize: /^\d{1,2}$/.test(size) ? Number(size) : undefined,
    earners: values.earners.map((e) => ({
      relation: e.relation,
      employment: e.employment,
      changedSinceLastVisit: e.changed,
    })),
    illnessOrAccident: values.incident.on
      ? {
          kind: values.incident.kind,
          description: values.incident.description,
          expectedCostFen: money(values.incident.cost, 'illnessOrAccident.expectedCostFen'),
        }
      : undefined,
    largeSpending: values.spendings.map((s, i) => ({
      kind: s.kind,
      amountFen: money(s.amount, `largeSpending.${i}.amountFen`),
      note: text(s.note),
    })),
    housing: values.housing,
    housingNote: text(values.housingNote),
    risk: values.risk || undefined,
    notes: text(values.notes),
    nextVisitDue: values.nextVisitDue,
    corrects,
  };
  // Blanks get a plain request to fill them (the schema's own message for a missing enum is technical).
  if (!values.risk) errors.risk = '请选择风险判断';
  if (!values.visitedOn) errors.visitedOn = '请选择走访日期';
  if (!values.nextVisitDue) errors.nextVisitDue = '请选择下次走访日期';
  if (body.householdSize === undefined) errors.householdSize = '请填写家庭人数（1–20）';
  const parsed = visitCreateSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: body as NewVisitBody };
}
