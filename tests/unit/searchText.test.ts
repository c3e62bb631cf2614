import { describe, expect, it } from 'vitest';
import {
  bigramsOf,
  MAX_SEARCH_TERMS,
  normalizeSearchText,
  queryBigram,
  stationTerms,
} from '../../functions/src/lib/searchText';
import { matchOf, rankMatches } from '../../functions/src/services/stationSearch';

describe('Search text: bigrams and terms', () => {
  it('folds full-width forms, case, spaces and punctuation', () => {
    expect(normalizeSearchText('人民中路 88 号（东门）')).toBe('人民中路88号东门');
    expect(normalizeSearchText('ＡＢＣ１２')).toBe('abc12');
  });

  it('takes each adjacent pair once, in order', () => {
    expect(bigramsOf('杨舍镇杨舍')).toStrictEqual(['杨舍', '舍镇', '镇杨']);
    expect(bigramsOf('驿')).toStrictEqual([]);
  });

  it('keeps a station to MAX_SEARCH_TERMS terms: name, address, then places from the town up', () => {
    const name = '一二三四五六七八九十';
    const terms = stationTerms({ name, address: '人民中路', placeNames: ['江苏省', '杨舍镇', '杨舍'] });
    expect(terms).toStrictEqual([
      ...['一二', '二三', '三四', '四五', '五六', '六七', '七八', '八九', '九十'],
      ...['人民', '民中', '中路'],
      ...['杨舍', '舍镇', '江苏', '苏省'],
    ]);
    const address = Array.from({ length: 60 }, (_, i) => String.fromCodePoint(0x4e00 + 100 + i)).join('');
    const long = stationTerms({ name, address, placeNames: ['江苏省', '杨舍镇', '杨舍'] });
    expect(long).toHaveLength(MAX_SEARCH_TERMS);
    expect(long.slice(0, 9)).toStrictEqual(terms.slice(0, 9));
    expect(long).not.toContain('杨舍');
  });

  it('reads the partition of the query’s least common pair', () => {
    expect(queryBigram('暨阳湖')).toBe('暨阳');
    expect(queryBigram('人民中路')).toBe('人民');
    expect(queryBigram('港城大道加油站')).toBe('港城');
    expect(queryBigram('驿')).toBeUndefined();
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
