import { describe, expect, it } from 'vitest';
import { verifiedLabel } from '../../client/src/services/verifiedLabel';

describe('verifiedLabel: where a station’s check stands, as a status', () => {
  // Noon in Shanghai on 2026-07-10 (04:00 UTC).
  const now = new Date('2026-07-10T04:00:00.000Z');
  it.each([
    [null, '尚未核实'],
    // 00:30 Shanghai the same day.
    ['2026-07-09T16:30:00.000Z', '已核实 · 今天'],
    // 23:30 Shanghai the day before: a calendar day ago, though only 12.5 hours.
    ['2026-07-09T15:30:00.000Z', '已核实 · 1 天前'],
    ['2026-06-30T04:00:00.000Z', '已核实 · 10 天前'],
  ] as const)('labels %s as %s', (lastVerifiedAt, label) => {
    expect(verifiedLabel(lastVerifiedAt, now)).toBe(label);
  });
});
