/**
 * The text rules of the station search, shared by the index writer and the search: Chinese
 * character bigrams as terms (the normalisation and what a pair is come from @ankang/shared, which
 * the app uses too), and a bound on terms per station.
 */

import { isSearchPair, normalizeSearchText } from '@ankang/shared';

/**
 * Most index entries one station holds under words (its terms, and the overflow mark when some are
 * left out). An edit's transaction writes old ∪ new entries: 2 × 40 + its place entry = 81, beside
 * the station, its external-id claims, the open problems that follow a move and its held-comment
 * queue entry (16): 97, under DynamoDB's 100.
 */
export const MAX_SEARCH_TERMS = 40;

/**
 * The distinct indexed pairs of a normalised text (two Chinese characters: a search of "88号" alone
 * is answered within a place, as a one-character search is), in order of first appearance.
 */
function indexedPairsOf(normalized: string): string[] {
  const chars = Array.from(normalized);
  const seen = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) seen.add(`${chars[i]}${chars[i + 1]}`);
  return [...seen].filter(isSearchPair);
}

/**
 * A station's terms: the indexed pairs of its name, then of its address, then of its place names
 * from the most specific (town) to the province, each once. When they are more than
 * MAX_SEARCH_TERMS, the first MAX_SEARCH_TERMS − 1 are kept and `overflow` is set: the station is
 * also entered under the overflow mark, which every word search reads too, so the pairs left out
 * (the widest place's first) still find it.
 */
export function stationTerms(texts: { name: string; address: string; placeNames: readonly string[] }): {
  terms: string[];
  overflow: boolean;
} {
  const terms = new Set<string>();
  for (const text of [texts.name, texts.address, ...[...texts.placeNames].reverse()]) {
    for (const term of indexedPairsOf(normalizeSearchText(text))) terms.add(term);
  }
  const all = [...terms];
  return all.length <= MAX_SEARCH_TERMS
    ? { terms: all, overflow: false }
    : { terms: all.slice(0, MAX_SEARCH_TERMS - 1), overflow: true };
}

/**
 * Characters so common in names and addresses that a bigram holding them is a large partition
 * (路, 号, 市, 驿站 …): the search probes the partitions of pairs without them first.
 */
const COMMON = new Set(Array.from('路号市区县省镇街道乡村中人民工会驿站服务心社加油大新东西南北口门店'));

/**
 * The query's indexed pairs in the order their partitions are probed: fewest common characters
 * first, then as written. Every station that matches holds every one of them (or the overflow
 * mark), so any one partition read to its end, with the overflow mark's, answers completely.
 */
export function queryBigrams(normalizedQuery: string): string[] {
  return indexedPairsOf(normalizedQuery)
    .map((term, at) => ({ term, at, score: Array.from(term).filter((char) => COMMON.has(char)).length }))
    .sort((a, b) => a.score - b.score || a.at - b.at)
    .map(({ term }) => term);
}
