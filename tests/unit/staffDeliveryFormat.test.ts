import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  axisDay,
  deliveredAtText,
  itemsText,
  yuan,
  yuanAmount,
} from '../../client/src/services/staffDeliveryFormat';

describe('Staff delivery format: money in yuan', () => {
  it.each([
    [0, '0'],
    [5, '0.05'],
    [100, '1'],
    [2450, '24.50'],
    [99_999, '999.99'],
    [100_000, '1,000'],
    [1_234_550, '12,345.50'],
    [123_456_789_00, '123,456,789'],
    [-1_234_550, '-12,345.50'],
  ])('%i fen reads %s', (fen, text) => {
    expect(yuanAmount(fen)).toBe(text);
  });

  it('reads back to the same number of fen, whatever the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = yuanAmount(fen);
        expect(Math.round(Number(text.replaceAll(',', '')) * 100)).toBe(fen);
        // Groups of three digits between the commas.
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d{2})?$/);
      }),
    );
  });

  it('names the unit after the amount', () => {
    expect(yuan(1_234_550)).toBe('12,345.50 元');
  });
});

describe('Staff delivery format: a record’s lines', () => {
  it('lists items with quantity and unit', () => {
    const items = [
      { code: 'water', name: '矿泉水', unit: '箱', quantity: 20, moneyFen: 49_000 },
      { code: 'oil', name: '风油精', unit: '瓶', quantity: 2, moneyFen: 0 },
    ];
    expect(itemsText(items)).toBe('矿泉水 × 20 箱、风油精 × 2 瓶');
  });

  it('tells the time in China, whatever the offset it was sent with', () => {
    expect(deliveredAtText({ date: '2026-07-03', deliveredAt: '2026-07-03T03:42:00Z' })).toBe('7月3日 11:42');
    expect(deliveredAtText({ date: '2026-07-03', deliveredAt: '2026-07-03T11:42:00+08:00' })).toBe(
      '7月3日 11:42',
    );
  });

  it('writes a chart day short', () => {
    expect(axisDay('2026-07-03')).toBe('7/3');
    expect(axisDay('2026-12-25')).toBe('12/25');
  });
});
