/**
 * The station search's rule for words, shared so the app can tell a worker before asking: what is
 * compared (normalised text), and what the index holds (pairs of two Chinese characters).
 */

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

/**
 * Whether a pair of characters is one the index holds: two Chinese characters. Pairs with digits or
 * Latin letters ("88", "号b") are not: they are many in addresses and alone find little.
 */
export function isSearchPair(pair: string): boolean {
  return /^\p{Script=Han}{2}$/u.test(pair);
}

/**
 * Whether words can be searched without a place: they hold two Chinese characters side by side once
 * normalised ("88号" or "驿" alone are searched within a place only).
 */
export function searchableNationwide(words: string): boolean {
  const chars = Array.from(normalizeSearchText(words));
  return chars.some((char, at) => at > 0 && isSearchPair(`${chars[at - 1]}${char}`));
}
