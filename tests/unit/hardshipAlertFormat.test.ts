import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dueText,
  evidenceSentences,
  outcomeText,
  severityText,
} from '../../client/src/services/hardshipAlertFormat';

const visit = (visitedOn: string, n = 1) => ({ visitId: `hv_${String(n).padStart(32, '0')}`, visitedOn });

/** An amount as the texts write it, read through 办结's 已帮扶 line (the formatter is not exported). */
const prefix = '已帮扶：其他，';
const yuanFixed = (fen: number) => {
  const line = outcomeText({ kind: 'helped', measures: ['other'], amountFen: fen });
  expect(line.startsWith(prefix)).toBe(true);
  return line.slice(prefix.length);
};

describe('Alert format: yuan with two decimals', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [82_000, '¥820.00'],
    [103_000, '¥1,030.00'],
    [114_050, '¥1,140.50'],
    [123_456_789, '¥1,234,567.89'],
    [-2_500, '-¥25.00'],
  ])('%i fen reads %s', (fen, text) => {
    expect(yuanFixed(fen)).toBe(text);
  });

  it('reads back to the same number of fen, whatever the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        const text = yuanFixed(fen);
        expect(text).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(Math.round(Number(text.slice(1).replaceAll(',', '')) * 100)).toBe(fen);
      }),
    );
  });
});

describe('Alert format: evidence in plain Chinese', () => {
  it('says a visit fell under 低保, with the line and its start date', () => {
    const lines = evidenceSentences({
      rule: 'belowPovertyLine',
      evidence: {
        visit: visit('2026-11-20'),
        perCapitaMonthlyFen: 82_000,
        povertyLine: { monthlyFen: 114_000, effectiveFrom: '2026-07-01' },
      },
    });
    expect(lines).toStrictEqual([
      '2026-11-20 走访：人均月收入 ¥820.00，低于低保标准 ¥1,140.00（2026-07-01 起执行）',
    ]);
  });

  it('leaves the start date out when the line came without one', () => {
    const lines = evidenceSentences({
      rule: 'belowPovertyLine',
      evidence: { visit: visit('2026-11-20'), perCapitaMonthlyFen: 0, povertyLine: { monthlyFen: 109_500 } },
    });
    expect(lines).toStrictEqual(['2026-11-20 走访：人均月收入 ¥0.00，低于低保标准 ¥1,095.00']);
  });

  it('gives the relative line and how it was worked out', () => {
    const lines = evidenceSentences({
      rule: 'belowRelativeLine',
      evidence: {
        visit: visit('2026-10-08'),
        perCapitaMonthlyFen: 150_000,
        povertyLine: { monthlyFen: 114_000 },
        relativeMultiple: 2,
        relativeLineFen: 228_000,
      },
    });
    expect(lines).toStrictEqual([
      '2026-10-08 走访：人均月收入 ¥1,500.00，低于相对困难线 ¥2,280.00',
      '相对困难线 = 低保标准 ¥1,140.00 × 2',
    ]);
  });

  it('names both visits of an income drop and the fall against the threshold', () => {
    const lines = evidenceSentences({
      rule: 'incomeDrop',
      evidence: {
        visit: visit('2026-11-02', 2),
        previousVisit: visit('2026-08-01', 1),
        perCapitaMonthlyFen: 100_000,
        previousPerCapitaMonthlyFen: 150_000,
        dropPercent: 33.33,
        thresholdPercent: 30,
      },
    });
    expect(lines).toStrictEqual([
      '人均月收入由 ¥1,500.00（2026-08-01 走访）降至 ¥1,000.00（2026-11-02 走访）',
      '下降 33.33%，超过预警线 30%',
    ]);
  });

  it('names each earner out of work, what they did before, and whether the visitor said so', () => {
    const lines = evidenceSentences({
      rule: 'earnerUnemployed',
      evidence: {
        visit: visit('2026-11-02', 2),
        previousVisit: visit('2026-08-01', 1),
        earners: [
          { relation: 'self', previousEmployment: 'employed', reportedChanged: true },
          { relation: 'spouse', reportedChanged: false },
        ],
      },
    });
    expect(lines).toStrictEqual([
      '2026-11-02 走访：本人现为失业（上次走访时为在岗，走访人记录为新近变化）；配偶现为失业（上次走访无记录）',
    ]);
  });

  it('adds up the medical costs against the share of the year’s income', () => {
    const lines = evidenceSentences({
      rule: 'medicalBurden',
      evidence: {
        visit: visit('2026-11-02'),
        incidentCostFen: 3_000_000,
        medicalSpendingFen: 500_000,
        totalCostFen: 3_500_000,
        annualIncomeFen: 3_600_000,
        shareOfIncome: 0.8,
        thresholdFen: 2_880_000,
      },
    });
    expect(lines).toStrictEqual([
      '2026-11-02 走访：新发疾病或意外预计费用 ¥30,000.00，大额医疗支出 ¥5,000.00，合计 ¥35,000.00',
      '家庭年收入 ¥36,000.00，支出超过其 80%（¥28,800.00）',
    ]);
  });

  it('leaves out a medical cost that is nil', () => {
    const [first] = evidenceSentences({
      rule: 'medicalBurden',
      evidence: {
        visit: visit('2026-11-02'),
        incidentCostFen: 0,
        medicalSpendingFen: 1_200_000,
        totalCostFen: 1_200_000,
        annualIncomeFen: 1_000_000,
        shareOfIncome: 0.75,
        thresholdFen: 750_000,
      },
    });
    expect(first).toBe('2026-11-02 走访：大额医疗支出 ¥12,000.00，合计 ¥12,000.00');
  });

  it('counts an overdue visit from the last visit, or from the filing when there was none', () => {
    expect(
      evidenceSentences({
        rule: 'visitOverdue',
        evidence: {
          lastVisit: visit('2026-08-01'),
          countedFrom: '2026-08-01',
          cadence: 'afterHigh',
          cadenceDays: 30,
          dueOn: '2026-08-31',
          daysOverdue: 12,
        },
      }),
    ).toStrictEqual([
      '上次走访 2026-08-01，按高风险后每 30 天走访一次，应于 2026-08-31 前走访',
      '已逾期 12 天',
    ]);
    expect(
      evidenceSentences({
        rule: 'visitOverdue',
        evidence: {
          countedFrom: '2026-05-10',
          cadence: 'active',
          cadenceDays: 90,
          dueOn: '2026-08-08',
          daysOverdue: 1,
        },
      }),
    ).toStrictEqual([
      '2026-05-10 建档后尚未走访，按在档每 90 天走访一次，应于 2026-08-08 前走访',
      '已逾期 1 天',
    ]);
  });

  it('says how long a monitoring window has left, or that it has ended', () => {
    const ending = (daysLeft: number) =>
      evidenceSentences({
        rule: 'monitoringWindowEnding',
        evidence: { exitDate: '2025-12-01', monitoringMonths: 12, windowEndsOn: '2026-12-01', daysLeft },
      });
    expect(ending(5)).toStrictEqual([
      '2025-12-01 脱困，监测期 12 个月，于 2026-12-01 届满（还有 5 天）',
      '请评估是否结束监测',
    ]);
    expect(ending(0)[0]).toBe('2025-12-01 脱困，监测期 12 个月，于 2026-12-01 届满（已届满）');
    expect(ending(-3)[0]).toBe('2025-12-01 脱困，监测期 12 个月，于 2026-12-01 届满（已届满）');
  });

  it('lists every visit of the run behind a 脱困 review', () => {
    const lines = evidenceSentences({
      rule: 'exitReview',
      evidence: {
        months: 6,
        runFrom: visit('2026-04-01', 1),
        latestVisit: visit('2026-10-15', 2),
        visits: [
          { ...visit('2026-04-01', 1), perCapitaMonthlyFen: 120_000, povertyLineFen: 109_500 },
          { ...visit('2026-10-15', 2), perCapitaMonthlyFen: 131_050, povertyLineFen: 114_000 },
        ],
      },
    });
    expect(lines).toStrictEqual([
      '自 2026-04-01 起连续 6 个月以上人均月收入不低于低保标准，可评估脱困',
      '2026-04-01 走访：人均月收入 ¥1,200.00（低保 ¥1,095.00）',
      '2026-10-15 走访：人均月收入 ¥1,310.50（低保 ¥1,140.00）',
    ]);
  });
});

describe('Alert format: severity and due date', () => {
  it('says 高风险 … and 待办 for a review task', () => {
    expect(['high', 'medium', 'low', 'task'].map((s) => severityText(s as 'high'))).toStrictEqual([
      '高风险',
      '中风险',
      '低风险',
      '待办',
    ]);
  });

  it('counts overdue days across a month end, and names today and tomorrow', () => {
    expect(dueText('2026-10-30', '2026-11-02')).toBe('逾期 3 天');
    expect(dueText('2026-11-01', '2026-11-02')).toBe('逾期 1 天');
    expect(dueText('2026-11-02', '2026-11-02')).toBe('今天到期');
    expect(dueText('2026-11-03', '2026-11-02')).toBe('明天到期');
    expect(dueText('2027-01-04', '2026-12-31')).toBe('2027-01-04 到期');
  });
});

describe('Alert format: the outcome in one line', () => {
  it('names the kind and what goes with it', () => {
    expect(outcomeText({ kind: 'noHelp', note: '家属已复工，收入恢复' })).toBe(
      '无需帮扶：家属已复工，收入恢复',
    );
    expect(outcomeText({ kind: 'helped', measures: ['warmth', 'education'], amountFen: 200_000 })).toBe(
      '已帮扶：送温暖、助学，¥2,000.00',
    );
    expect(outcomeText({ kind: 'helped', measures: ['employment'] })).toBe('已帮扶：就业援助');
    expect(outcomeText({ kind: 'refiled', category: 'deep' })).toBe('重新建档：深度困难');
    expect(outcomeText({ kind: 'referred', referredTo: '民政部门' })).toBe('转介：民政部门');
  });
});
