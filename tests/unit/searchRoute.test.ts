import { describe, expect, it } from 'vitest';
import { SEARCH_PROBES, SEARCH_READ_BOUNDS, sparsestFirst } from '../../functions/src/lib/searchBounds';
import { isRouteOf } from '../../functions/src/services/searchRead';

// A search for 甲乙丙丁…: partitions of its bigrams in probe order, one more than are probed.
const bigrams = Array.from({ length: SEARCH_PROBES + 1 }, (_, i) =>
  String.fromCodePoint(0x4e00 + i, 0x4e01 + i),
);
const partitions = bigrams.map((bigram) => `STN_Q#${bigram}`);
const [first, second] = partitions as [string, string];
const unprobed = partitions.at(-1)!;
const step = (partition: string, prefix: string) => ({ partition, prefix });

describe('Search route: what a cursor may ask a later page to read', () => {
  it('admits the routes a first page can choose', () => {
    for (const route of [
      [step(first, '32')],
      [step(second, '32')],
      [step(partitions[SEARCH_PROBES - 1]!, '32')],
      [step(first, '3205')],
      [step(second, '320582')],
      // The near read held no answer: the cut-short range and it, of one partition.
      [step(second, '32'), step(second, '3205')],
    ]) {
      expect(isRouteOf(route, partitions, '32'), JSON.stringify(route)).toBe(true);
    }
    expect(isRouteOf([step(first, '')], partitions, undefined)).toBe(true);
    expect(isRouteOf([step(first, '3205')], partitions, undefined)).toBe(true);
  });

  it('refuses a forged partition, a place outside, a town or a made-up prefix, and too many reads', () => {
    for (const route of [
      [],
      // Another search's partition, the overflow mark (read beside every route, never in one), or one
      // past the probes.
      [step('STN_Q#驿站', '32')],
      [step('STN_PLACE#32', '32')],
      [step('STN_Q#@more', '32')],
      [step(unprobed, '32')],
      [step(unprobed, '3205')],
      // Outside the place, wider than it, a town's (never chosen), not a code.
      [step(first, '3301')],
      [step(first, '')],
      [step(first, '320582100')],
      [step(first, '32ab')],
      // Two whole reads, a near read of another partition, a near read first, two near reads, three reads.
      [step(first, '32'), step(second, '32')],
      [step(first, '32'), step(first, '32')],
      [step(first, '32'), step(second, '3205')],
      [step(first, '3205'), step(first, '32')],
      [step(first, '3205'), step(first, '320582')],
      [step(first, '32'), step(first, '3205'), step(first, '320582')],
    ]) {
      expect(isRouteOf(route, partitions, '32'), JSON.stringify(route)).toBe(false);
    }
  });
});

describe('Search probes: which range is read on', () => {
  it('the probe that went furthest along the sort key first, ties as given', () => {
    const probes = [
      { id: 'a', lastSortKey: '320582100000#st_1' },
      { id: 'b', lastSortKey: '440100000000#st_1' },
      { id: 'c', lastSortKey: '320582100000#st_1' },
      { id: 'd', lastSortKey: '110101000000#st_9' },
    ];
    expect(sparsestFirst(probes).map((p) => p.id)).toStrictEqual(['b', 'a', 'c', 'd']);
  });
});

describe('Search bounds: what the search can keep', () => {
  it('probes fewer entries than a range read, in pages of at least one', () => {
    // A cut-short probe's range is read on from where it stopped to `entries`: a probe of as many
    // would leave nothing to read on, and the range would never be read past the probe.
    const { page, probe, entries } = SEARCH_READ_BOUNDS;
    expect(probe).toBeGreaterThanOrEqual(1);
    expect(probe).toBeLessThan(entries);
    expect(page).toBeGreaterThanOrEqual(1);
  });
});
