/**
 * The text rules of the station search, shared by the index writer and the search: one
 * normalisation, Chinese character bigrams as terms, and a bound on terms per station.
 */

/** Most index terms one station holds: its transaction (old ∪ new terms on an edit) stays far under 100. */
export const MAX_SEARCH_TERMS = 32;

/**
 * What is compared: full-width forms folded (ＡＢ１ → ab1), lower case, spaces and common
 * punctuation dropped, so "人民中路 88 号" and "人民中路88号" are one text.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・,，.。、;；:：'"‘’“”()（）[\]【】\-—_/\\#＃]+/g, '');
}

/** The distinct adjacent character pairs of a normalised text, in order of first appearance. */
export function bigramsOf(normalized: string): string[] {
  const chars = Array.from(normalized);
  const seen = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) seen.add(`${chars[i]}${chars[i + 1]}`);
  return [...seen];
}

/**
 * A station's terms: the bigrams of its name, then of its address, then of its place names from the
 * most specific (town) to the province, at most MAX_SEARCH_TERMS. Over the bound what is dropped is
 * the widest place's pairs (a province is browsed by its code, and an address mostly repeats its
 * county and town), never the name's.
 */
export function stationTerms(texts: {
  name: string;
  address: string;
  placeNames: readonly string[];
}): string[] {
  const terms = new Set<string>();
  const groups = [
    bigramsOf(normalizeSearchText(texts.name)),
    bigramsOf(normalizeSearchText(texts.address)),
    ...[...texts.placeNames].reverse().map((name) => bigramsOf(normalizeSearchText(name))),
  ];
  for (const group of groups) {
    for (const term of group) {
      if (terms.size >= MAX_SEARCH_TERMS) return [...terms];
      terms.add(term);
    }
  }
  return [...terms];
}

/**
 * Characters so common in names and addresses that a bigram holding them is a large partition
 * (路, 号, 市, 驿站 …): the search reads the partition of the query's least common bigram.
 */
const COMMON = new Set(Array.from('路号市区县省镇街道乡村中人民工会驿站服务心社加油大新东西南北口门店'));

/** Partitions of the query's bigrams one search reads at most before it ranks what it has. */
export const SEARCH_TERM_READS = 2;

/**
 * The query's bigrams in the order their partitions are read: fewest common characters first, then
 * as written. Every station that matches holds every one of them, so a partition read to its end
 * answers the query completely, whichever bigram it is.
 */
export function queryBigrams(normalizedQuery: string): string[] {
  return bigramsOf(normalizedQuery)
    .map((term, at) => ({ term, at, score: Array.from(term).filter((char) => COMMON.has(char)).length }))
    .sort((a, b) => a.score - b.score || a.at - b.at)
    .map(({ term }) => term);
}

/** The bigram of the query whose partition to read first: the one with the fewest common characters, first on a tie. */
export function queryBigram(normalizedQuery: string): string | undefined {
  return queryBigrams(normalizedQuery)[0];
}
