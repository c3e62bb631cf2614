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

import { type AmenityCode, distanceMeters, type Station, stationOpeningStatus } from '@ankang/shared';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nationalStation, offsetPoint, seededRandom } from '../../functions/local/nationalStations';
import { stationSearchKeys } from '../../functions/src/db/keys';
import { searchEntriesOf } from '../../functions/src/db/stationSearchItems';
import { placeByCode, placeNamesOf } from '../../functions/src/lib/places';
import { normalizeSearchText, queryBigram, stationTerms } from '../../functions/src/lib/searchText';
import type { SearchQuery } from '../../functions/src/services/stationSearch';

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
  const cases: Case[] = [
    { kind: 'fixed 杨舍', query: { ...base, q: '杨舍' } },
    { kind: 'fixed 杨舍 in 张家港', query: { ...base, q: '杨舍', place: '320582' } },
    { kind: 'fixed 步行街 in 苏州', query: { ...base, q: '步行街', place: '3205', lat: 31.3, lng: 120.6 } },
  ];
  while (cases.length < count) {
    const station = nationalStation(Math.floor(rand() * stations));
    const place = station.place!;
    const near = offsetPoint(station.location, (rand() - 0.5) * 4, (rand() - 0.5) * 4);
    const point = rand() < 0.6 ? { lat: near.lat, lng: near.lng } : {};
    const filters =
      rand() < 0.2 ? { openNow: true, amenities: [amenities[cases.length % amenities.length]!] } : {};
    const town = placeByCode(place.town!)!.name;
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
          : roll < 0.7
            ? ['加油站 in city', { q: '加油站', place: place.city, ...point }]
            : roll < 0.85
              ? ['town browsed', { place: place.town!, ...point }]
              : ['town name', { q: town.replace(/(街道|镇|乡)$/, ''), ...point }];
    cases.push({ kind, query: { ...base, ...query, ...filters } });
  }
  return cases;
}

/**
 * The range a search reads, by the search's own rule: its least common bigram's partition (or the
 * province's places without words), within the place's codes when it has a place ('' = all of it).
 */
function rangeOf(query: SearchQuery): { partition: string; prefix: string } | undefined {
  const bigram = queryBigram(normalizeSearchText(query.q ?? ''));
  const prefix = query.place ?? '';
  if (bigram) return { partition: stationSearchKeys.termPartition(bigram), prefix };
  return query.place
    ? { partition: stationSearchKeys.placePartition(query.place.slice(0, 2)), prefix }
    : undefined;
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

// ---- Brute force: the search's rules applied to every station, written apart from the service.
const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s#\-—()（）,，.。、·]/g, '');

function placeWords(station: Station): string[] {
  const place = station.place;
  if (!place) return [];
  return [place.province, place.city, place.county, place.town].flatMap((code) => {
    const found = code ? placeByCode(code) : undefined;
    if (!found || found.name === '市辖区' || /直辖县级行政区划$/.test(found.name)) return [];
    const short =
      found.level === 'town'
        ? found.name.replace(/(街道办事处|街道|地区办事处|办事处|镇|乡|苏木)$/, '')
        : found.name;
    return short !== found.name && short.length >= 2 ? [found.name, short] : [found.name];
  });
}

function bruteForce(stations: Station[], query: SearchQuery, at: Date): { id: string; match: string }[] {
  const words = fold(query.q ?? '');
  const order = { name: 0, address: 1, place: 2 } as const;
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
      : fold(station.name).includes(words)
        ? 'name'
        : fold(station.address).includes(words)
          ? 'address'
          : placeWords(station).some((name) => fold(name).includes(words))
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
      return !query.openNow || stationOpeningStatus(station, at).open;
    })
    .map((m) => ({ ...m, distance: point ? Math.round(distanceMeters(point, m.station.location)) : 0 }))
    .sort(
      (a, b) =>
        order[a.match] - order[b.match] ||
        a.distance - b.distance ||
        (a.station.id < b.station.id ? -1 : a.station.id > b.station.id ? 1 : 0),
    )
    .slice(0, query.limit)
    .map(({ station, match }) => ({ id: station.id, match }));
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
    const range = rangeOf(query);
    if (range) ranges.set(range.partition, [...(ranges.get(range.partition) ?? []), range.prefix]);
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
  const kinds: Record<string, number> = {};
  for (const { kind, query } of cases.slice(WARMUP)) {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const started = performance.now();
    const answer = await searchStations(query, at);
    latencies.push(performance.now() - started);
    requests.push(answer.cost.queries);
    itemsRead += answer.cost.itemsRead;
    returned += answer.stations.length;
    if (!answer.cost.complete) {
      incomplete++;
      continue;
    }
    const got = answer.stations.map(({ id, match }) => ({ id, match }));
    const expected = bruteForce(stations, query, at);
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
    searchIndexEntriesLoaded: loaded,
    searchLoadS: round1(loadS),
  };
  log(`search: ${JSON.stringify(kinds)}; ${returned} stations answered; ${JSON.stringify(fields)}`);
  return fields;
}
