import { describe, expect, it } from 'vitest';
import { dateText, yuanToFen } from '../../functions/src/services/householdImportCells';

describe('Service: yuanToFen', () => {
  it.each([
    ['36000', 3_600_000],
    ['36,000.50', 3_600_050],
    ['￥1,234.5元', 123_450],
    ['3.6万', 3_600_000],
    ['0.00015万', 150],
    ['１２００', 120_000],
    ['0', 0],
    ['12.300', 1_230],
  ])('reads the ledger text %s as %i fen', (text, fen) => {
    expect(yuanToFen(text, '家庭年收入')).toBe(fen);
  });

  it.each([
    [12_000.5, 1_200_050],
    [0.1 + 0.2, 30],
    [36_000, 3_600_000],
  ])('reads the number cell %d as %i fen', (value, fen) => {
    expect(yuanToFen(value, '家庭年收入')).toBe(fen);
  });

  it.each([
    ['三万', '家庭年收入应为金额（元），例如 36000 或 3.6万'],
    ['12.345', '家庭年收入最多两位小数（精确到分）'],
    ['1.2345678万', '家庭年收入最多两位小数（精确到分）'],
    ['-500', '家庭年收入不能为负数'],
    ['1e5', '家庭年收入应为金额（元），例如 36000 或 3.6万'],
  ])('refuses %s with a reason', (text, message) => {
    expect(yuanToFen(text, '家庭年收入')).toBe(message);
  });

  it('refuses a number cell with fractions of a fen, or below zero', () => {
    expect(yuanToFen(10.005, '年医疗支出')).toBe('年医疗支出最多两位小数（精确到分）');
    expect(yuanToFen(-1, '年医疗支出')).toBe('年医疗支出不能为负数');
  });
});

describe('Service: dateText', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    [' 2025 / 12 / 31 ', '2025-12-31'],
  ])('writes %s as %s', (text, date) => {
    expect(dateText(text)).toBe(date);
  });

  it('leaves what is no date as it is, for the schema to refuse', () => {
    expect(dateText('去年春天')).toBe('去年春天');
  });
});
