import {
  type AlertOutcome,
  type AlertOutcomeKind,
  alertOutcomeSchema,
  type HardshipCategory,
  type HelpMeasure,
} from '@ankang/shared';
import { fenOf } from './staffCampaignForm';

/** The 办结 form as typed: every kind's fields kept, so switching kinds loses nothing. */
export interface OutcomeFormValues {
  kind: AlertOutcomeKind | '';
  measures: HelpMeasure[];
  /** 元, optional (已帮扶). */
  amount: string;
  category: HardshipCategory | '';
  referredTo: string;
  note: string;
}

export const emptyOutcomeForm = (): OutcomeFormValues => ({
  kind: '',
  measures: [],
  amount: '',
  category: '',
  referredTo: '',
  note: '',
});

export type OutcomeFormErrors = Partial<
  Record<'kind' | 'measures' | 'amount' | 'category' | 'referredTo' | 'note', string>
>;

/** The schema's field for each form field (the note of 无需帮扶 is its required reason). */
const fieldOf: Record<string, keyof OutcomeFormErrors> = {
  kind: 'kind',
  measures: 'measures',
  amountFen: 'amount',
  category: 'category',
  referredTo: 'referredTo',
  note: 'note',
};

/**
 * Checks the form with the API's own schema: the outcome to send, or Chinese messages per field.
 * Only the chosen kind's fields go into the outcome.
 */
export function outcomeOf(
  values: OutcomeFormValues,
): { outcome: AlertOutcome } | { errors: OutcomeFormErrors } {
  if (!values.kind) return { errors: { kind: '请选择办结方式' } };
  if (values.kind === 'refiled' && !values.category) return { errors: { category: '请选择新的困难类别' } };
  // Optional fields only when filled: the body carries no empty keys.
  const note = values.note.trim() ? { note: values.note.trim() } : {};
  const amountFen = fenOf(values.amount);
  if (values.kind === 'helped' && amountFen === null)
    return { errors: { amount: '请填写金额（元），最多两位小数' } };
  const candidate = {
    noHelp: { kind: 'noHelp', note: values.note.trim() },
    helped: {
      kind: 'helped',
      measures: values.measures,
      ...(typeof amountFen === 'number' ? { amountFen } : {}),
      ...note,
    },
    refiled: { kind: 'refiled', category: values.category, ...note },
    referred: { kind: 'referred', referredTo: values.referredTo.trim(), ...note },
  }[values.kind];
  const parsed = alertOutcomeSchema.safeParse(candidate);
  if (parsed.success) return { outcome: parsed.data };
  const errors: OutcomeFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf[String(issue.path[0] ?? 'kind')] ?? 'kind';
    errors[field] ??= issue.message;
  }
  return { errors };
}
