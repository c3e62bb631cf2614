import { visitSchema } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import type { VisitRecord } from '../../functions/src/db/hardshipVisitItems';
import { visitView } from '../../functions/src/services/hardshipVisitViews';

const stored: VisitRecord = {
  id: `hv_${'a'.repeat(32)}`,
  fileId: `hf_${'b'.repeat(32)}`,
  visitedOn: '2026-08-01',
  mode: 'phone',
  annualIncomeFen: 2_628_000,
  annualFixedSpendingFen: 0,
  householdSize: 2,
  earners: [],
  largeSpending: [],
  housing: [],
  risk: 'low',
  nextVisitDue: '2026-11-01',
  perCapitaMonthlyFen: 109_500,
  povertyLineFen: 109_500,
  visitorUserId: 'u_visitor',
  visitorName: '顾晓东',
  contentHash: 'secret-hash',
  createdAt: '2026-08-01T08:30:00.000Z',
  updatedAt: '2026-08-01T08:30:00.000Z',
  version: 1,
};

describe('visitView', () => {
  it('is below the line only strictly below it, and never shows who typed it by id or its hash', () => {
    const view = visitView(structuredClone(stored));
    expect(view.belowPovertyLine).toBe(false);
    expect(visitView({ ...stored, perCapitaMonthlyFen: 109_499 }).belowPovertyLine).toBe(true);
    expect(Object.keys(view)).not.toContain('visitorUserId');
    expect(Object.keys(view)).not.toContain('contentHash');
    expect(visitSchema.parse(view)).toStrictEqual(view);
  });

  it('says nothing of a line when none was in force, and lists corrections only when there are some', () => {
    const { povertyLineFen: _line, ...withoutLine } = stored;
    const view = visitView(withoutLine);
    expect([view.povertyLineFen, view.belowPovertyLine, view.correctedBy]).toStrictEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(visitView(stored, [`hv_${'c'.repeat(32)}`]).correctedBy).toStrictEqual([`hv_${'c'.repeat(32)}`]);
  });
});
