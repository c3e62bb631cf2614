import { describe, expect, it } from 'vitest';
import {
  emptyOutcomeForm,
  type OutcomeFormValues,
  outcomeOf,
} from '../../client/src/services/alertOutcomeForm';

const form = (values: Partial<OutcomeFormValues>): OutcomeFormValues => ({
  ...emptyOutcomeForm(),
  ...values,
});

describe('Alert outcome form: what 办结 sends', () => {
  it('asks for the kind first', () => {
    expect(outcomeOf(form({}))).toStrictEqual({ errors: { kind: '请选择办结方式' } });
  });

  it('needs a reason for 无需帮扶, and sends it as the note', () => {
    expect(outcomeOf(form({ kind: 'noHelp', note: '  ' }))).toStrictEqual({
      errors: { note: '请说明无需帮扶的理由' },
    });
    expect(outcomeOf(form({ kind: 'noHelp', note: ' 家属已复工 ' }))).toStrictEqual({
      outcome: { kind: 'noHelp', note: '家属已复工' },
    });
  });

  it('needs a measure for 已帮扶, takes an amount in yuan to the fen, and refuses one that is not money', () => {
    expect('errors' in outcomeOf(form({ kind: 'helped' }))).toBe(true);
    expect(
      outcomeOf(form({ kind: 'helped', measures: ['warmth', 'education'], amount: '1030.5' })),
    ).toStrictEqual({
      outcome: { kind: 'helped', measures: ['warmth', 'education'], amountFen: 103_050 },
    });
    expect(outcomeOf(form({ kind: 'helped', measures: ['warmth'], amount: '' }))).toStrictEqual({
      outcome: { kind: 'helped', measures: ['warmth'] },
    });
    expect(outcomeOf(form({ kind: 'helped', measures: ['warmth'], amount: '12.345' }))).toStrictEqual({
      errors: { amount: '请填写金额（元），最多两位小数' },
    });
  });

  it('sends only the chosen kind’s fields (重新建档 with its category, 转介 with whom)', () => {
    const typed = {
      measures: ['warmth' as const],
      amount: '100',
      referredTo: '民政部门',
      category: 'deep' as const,
    };
    expect(outcomeOf(form({ ...typed, kind: 'refiled', note: '因病返困' }))).toStrictEqual({
      outcome: { kind: 'refiled', category: 'deep', note: '因病返困' },
    });
    expect(outcomeOf(form({ ...typed, kind: 'referred' }))).toStrictEqual({
      outcome: { kind: 'referred', referredTo: '民政部门' },
    });
    expect(outcomeOf(form({ kind: 'refiled' }))).toStrictEqual({
      errors: { category: '请选择新的困难类别' },
    });
    expect('errors' in outcomeOf(form({ kind: 'referred', referredTo: '民' }))).toBe(true);
  });
});
