import { describe, expect, it } from 'vitest';
import {
  lineInForce,
  type PolicyFormValues,
  policyDraftOf,
  sourceLabel,
} from '../../client/src/services/hardshipPolicyFormat';

const typed = (changes: Partial<PolicyFormValues> = {}): PolicyFormValues => ({
  relativeMultiple: '2',
  incomeDropPercent: '30',
  medicalPercent: '80',
  cadenceActiveDays: '90',
  cadenceRecentExitDays: '60',
  cadenceAfterHighDays: '30',
  monitoringMonths: '12',
  exitReviewMonths: '6',
  windowEndingNoticeDays: '30',
  note: '',
  ...changes,
});

describe('Rule page: the edit form as a draft', () => {
  it('reads the medical share typed in percent as the ratio the server stores', () => {
    expect(policyDraftOf(typed({ medicalPercent: '75', relativeMultiple: '1.5' }))).toStrictEqual({
      draft: {
        relativeMultiple: 1.5,
        incomeDropPercent: 30,
        medicalShareOfIncome: 0.75,
        cadenceActiveDays: 90,
        cadenceRecentExitDays: 60,
        cadenceAfterHighDays: 30,
        monitoringMonths: 12,
        exitReviewMonths: 6,
        windowEndingNoticeDays: 30,
      },
      errors: null,
    });
  });

  it.each([
    [{ cadenceAfterHighDays: '61' }, 'cadenceAfterHighDays', '高风险户走访周期不能长于其他走访周期'],
    [{ incomeDropPercent: '' }, 'incomeDropPercent', '请填写收入降幅'],
    [{ incomeDropPercent: '4' }, 'incomeDropPercent', '收入降幅不能小于 5'],
    [{ monitoringMonths: '1.5' }, 'monitoringMonths', '脱困后监测期（月）须为整数'],
    [{ medicalPercent: '9' }, 'medicalPercent', '医疗及意外支出比例须在 10% 到 500% 之间'],
    [{ medicalPercent: '80.5' }, 'medicalPercent', '比例请填写整数百分比'],
    [{ relativeMultiple: '两倍' }, 'relativeMultiple', '请填写相对困难线倍数'],
  ] as const)('refuses %o at %s with “%s”', (changes, name, message) => {
    const result = policyDraftOf(typed(changes));
    expect(result.draft).toBeNull();
    expect(result.errors?.[name]).toBe(message);
  });
});

describe('Rule page: where a policy comes from', () => {
  const policy = { version: 1 } as never;
  it.each([
    [null, null, '系统默认'],
    ['320000/320500', '苏州市总工会', '继承自 苏州市总工会'],
    ['320000/320500/320582', '张家港市总工会', '本级设置'],
  ] as const)('%s → %s', (fromOrgPath, fromOrgName, label) => {
    expect(sourceLabel({ policy, fromOrgPath, fromOrgName }, '320000/320500/320582')).toBe(label);
  });
});

describe('Rule page: the 低保 standard in force', () => {
  const line = (orgPath: string, effectiveFrom: string) => ({ orgPath, effectiveFrom });
  it('takes the deepest node with a started line, its latest; a future line is not yet in force', () => {
    const lines = [
      line('320000/320500', '2026-12-01'),
      line('320000/320500', '2026-07-01'),
      line('320000/320500', '2025-07-01'),
      line('320000', '2026-09-01'),
    ];
    expect(lineInForce(lines, '2026-11-26')).toBe(lines[1]);
    expect(lineInForce(lines, '2026-12-01')).toBe(lines[0]);
    expect(lineInForce(lines, '2025-01-01')).toBeNull();
    expect(lineInForce([line('320000', '2025-07-01')], '2026-11-26')).toStrictEqual(
      line('320000', '2025-07-01'),
    );
  });
});
