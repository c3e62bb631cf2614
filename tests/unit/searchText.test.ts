import { normalizeSearchText, searchableNationwide } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, queryBigrams, stationTerms } from '../../functions/src/lib/searchText';
import { matchOf, rankMatches } from '../../functions/src/services/stationSearch';

describe('Search text: bigrams and terms', () => {
  it('folds full-width forms, case, spaces and punctuation', () => {
    expect(normalizeSearchText('人民中路 88 号（东门）')).toBe('人民中路88号东门');
    expect(normalizeSearchText('ＡＢＣ１２')).toBe('abc12');
  });

  it('takes each adjacent pair once, in order', () => {
    expect(stationTerms({ name: '杨舍镇杨舍', address: '', placeNames: [] }).terms).toStrictEqual([
      '杨舍',
      '舍镇',
      '镇杨',
    ]);
    expect(queryBigrams('驿')).toStrictEqual([]);
  });

  it('indexes pairs of two Chinese characters only: name, address, then places from the town up, each once', () => {
    const name = '一二三四五六七八九十';
    const { terms, overflow } = stationTerms({
      name: `${name}7-11`,
      address: '杨舍镇人民中路88号B座',
      placeNames: ['江苏省', '杨舍镇', '杨舍'],
    });
    expect(overflow).toBe(false);
    expect(terms).toStrictEqual([
      ...['一二', '二三', '三四', '四五', '五六', '六七', '七八', '八九', '九十'],
      ...['杨舍', '舍镇', '镇人', '人民', '民中', '中路'],
      ...['江苏', '苏省'],
    ]);
  });

  // 40 distinct pairs fit; one more and the last two give way to the overflow mark.
  const chars = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => String.fromCodePoint(0x4e00 + from + i)).join('');
  it.each([
    [MAX_SEARCH_TERMS, false, MAX_SEARCH_TERMS],
    [MAX_SEARCH_TERMS + 1, true, MAX_SEARCH_TERMS - 1],
    [120, true, MAX_SEARCH_TERMS - 1],
  ])('a station of %i pairs: overflow %s, %i terms kept, the name’s first', (pairs, overflow, kept) => {
    const name = chars(0, 11);
    const address = chars(200, pairs - 10 - 2 + 1);
    const terms = stationTerms({ name, address, placeNames: ['江苏省'] });
    const all = [...terms.terms];
    expect(terms.overflow).toBe(overflow);
    expect(all).toHaveLength(kept);
    expect(all.slice(0, 10)).toStrictEqual(Array.from({ length: 10 }, (_, i) => name.slice(i, i + 2)));
    if (overflow) expect(all).not.toContain('江苏');
    else expect(all.slice(-2)).toStrictEqual(['江苏', '苏省']);
  });

  it('probes the query’s pairs with fewest common characters first, then as written; others are not pairs', () => {
    expect(queryBigrams('暨阳湖')).toStrictEqual(['暨阳', '阳湖']);
    expect(queryBigrams('人民中路')).toStrictEqual(['人民', '民中', '中路']);
    expect(queryBigrams('港城大道加油站')).toStrictEqual(['港城', '城大', '大道', '道加', '加油', '油站']);
    expect(queryBigrams('88号a座')).toStrictEqual([]);
    expect(queryBigrams('驿')).toStrictEqual([]);
  });

  it('tells the app which words can be searched without a place: two Chinese characters side by side', () => {
    expect(['杨舍', '人民中路88号', '7-11便利店', '人民 中路'].map(searchableNationwide)).toStrictEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['88号', '驿', 'kfc', '人1民', ''].map(searchableNationwide)).toStrictEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('Search ranking', () => {
  const entry = (stationId: string, name: string, address: string, placeNames: string[] = []) =>
    ({ stationId, name, address, placeNames }) as never;

  it.each([
    ['the name', '杨舍加油站', '人民路 1 号', [], '加油', 'name'],
    ['the address', '城北驿站', '杨舍镇人民中路 1 号', [], '人民中路', 'address'],
    ['a place name', '城北驿站', '新华路 1 号', ['张家港市', '杨舍镇', '杨舍'], '杨舍', 'place'],
    ['none (the pair alone is no match)', '人民驿站', '中路 1 号', [], '人民中路', null],
  ] as const)('matches by %s', (_case, name, address, places, words, expected) => {
    expect(matchOf(entry('st_00000001', name, address, [...places]), words)).toBe(expected);
  });

  it('orders name, address, place; then nearer; then by id', () => {
    const ranked = rankMatches([
      { entry: entry('st_0000000c', '', ''), match: 'place', distanceM: 1 },
      { entry: entry('st_0000000b', '', ''), match: 'address', distanceM: 5 },
      { entry: entry('st_0000000a', '', ''), match: 'name', distanceM: 900 },
      { entry: entry('st_0000000d', '', ''), match: 'name', distanceM: 10 },
      { entry: entry('st_00000009', '', ''), match: 'name', distanceM: 10 },
    ]);
    expect(ranked.map((r) => r.entry.stationId)).toStrictEqual([
      'st_00000009',
      'st_0000000d',
      'st_0000000a',
      'st_0000000b',
      'st_0000000c',
    ]);
  });
});
