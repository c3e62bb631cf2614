import { describe, expect, it } from 'vitest';
import { isRouteOf } from '../../functions/src/services/searchRead';

// A search for 甲乙丙 (partitions of 甲乙 then 乙丙; a third bigram's would not be read) within 江苏.
const partitions = ['STN_Q#甲乙', 'STN_Q#乙丙', 'STN_Q#丙丁'];
const step = (partition: string, prefix: string) => ({ partition, prefix });

describe('Search route: what a cursor may ask a later page to read', () => {
  it('admits the routes a first page can choose', () => {
    for (const route of [
      [step('STN_Q#甲乙', '32')],
      [step('STN_Q#乙丙', '32')],
      [step('STN_Q#甲乙', '32'), step('STN_Q#乙丙', '32')],
      [step('STN_Q#甲乙', '3205')],
      [step('STN_Q#甲乙', '320582')],
      // The near read held no answer: the whole reads and it.
      [step('STN_Q#甲乙', '32'), step('STN_Q#乙丙', '32'), step('STN_Q#甲乙', '3205')],
    ]) {
      expect(isRouteOf(route, partitions, '32'), JSON.stringify(route)).toBe(true);
    }
    expect(isRouteOf([step('STN_Q#甲乙', '')], partitions, undefined)).toBe(true);
    expect(isRouteOf([step('STN_Q#甲乙', '3205')], partitions, undefined)).toBe(true);
  });

  it('refuses a forged partition, a place outside, a town or a made-up prefix, and too many reads', () => {
    for (const route of [
      [],
      // Another search's partition, or one this search never reads first (a city's range is the first's).
      [step('STN_Q#驿站', '32')],
      [step('STN_PLACE#32', '32')],
      [step('STN_Q#丙丁', '32')],
      [step('STN_Q#乙丙', '3205')],
      // Outside the place, wider than it, a town's (never chosen), not a code.
      [step('STN_Q#甲乙', '3301')],
      [step('STN_Q#甲乙', '')],
      [step('STN_Q#甲乙', '320582100')],
      [step('STN_Q#甲乙', '32ab')],
      // Two of one partition, a near read beside one whole read of two or before them, two near reads,
      // three reads.
      [step('STN_Q#甲乙', '32'), step('STN_Q#甲乙', '32')],
      [step('STN_Q#甲乙', '32'), step('STN_Q#甲乙', '3205')],
      [step('STN_Q#甲乙', '3205'), step('STN_Q#甲乙', '32'), step('STN_Q#乙丙', '32')],
      [step('STN_Q#甲乙', '3205'), step('STN_Q#甲乙', '320582')],
      [step('STN_Q#甲乙', '32'), step('STN_Q#乙丙', '32'), step('STN_Q#丙丁', '32')],
    ]) {
      expect(isRouteOf(route, partitions, '32'), JSON.stringify(route)).toBe(false);
    }
  });
});
