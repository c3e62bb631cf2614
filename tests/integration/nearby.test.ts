import {
  type AmenityCode,
  amenityCodes,
  type GcjPoint,
  geohashEncode,
  type HostType,
  hostTypes,
  type OpeningHoursInput,
  SERVICE_AREA,
  type Station,
} from '@ankang/shared';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../functions/src/db/client';
import { GEO_PARTITION_PRECISION, indexes } from '../../functions/src/db/keys';
import { listStationsInGeoRange } from '../../functions/src/db/stations';
import {
  findNearbyStations,
  MAX_QUERIES_PER_SEARCH,
  MAX_REQUESTS_PER_SEARCH,
  NEARBY_BOUNDS,
  type NearbyBounds,
  type NearbyQuery,
} from '../../functions/src/services/nearby';
import { storedStation } from './stationFixtures';

// A region of its own, far from the demo stations and other tests, filled with random stations.
const area = { lng: 104.06, lat: 30.66 }; // 成都
// Another, packed with stations: 300 within some 600 m.
const dense = { lng: 87.617, lat: 43.826 }; // 乌鲁木齐

/**
 * The schedules stations get, each with its own open-now check on the Shanghai weekday (1 = Monday)
 * and minute of the day: the reference never asks the module under test whether a station is open.
 */
const schedules: { hours: OpeningHoursInput; openAt: (day: number, minute: number) => boolean }[] = [
  { hours: { alwaysOpen: true }, openAt: () => true },
  {
    hours: { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '08:00', close: '20:00' })) },
    openAt: (_, minute) => minute >= 8 * 60 && minute < 20 * 60,
  },
  {
    hours: { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '18:00', close: '02:00' })) },
    openAt: (_, minute) => minute >= 18 * 60 || minute < 2 * 60,
  },
  {
    hours: { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })) },
    openAt: (day, minute) => day <= 5 && minute >= 9 * 60 && minute < 17 * 60,
  },
];

/** What the test itself put in the table: the reference reads only this. */
interface Placed {
  id: string;
  location: GcjPoint;
  amenities: AmenityCode[];
  hostType: HostType;
  schedule: number;
  state: 'open' | 'temporarilyClosed' | 'closed';
}

/** A small seeded PRNG (mulberry32): uniform in [0, 1), the same sequence every run. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Great-circle metres on a sphere of radius 6,371 km: the test's own haversine. */
function haversineM(a: GcjPoint, b: GcjPoint): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The answer by looking at every placed station, with no code from the module under test: not
 * closed for good, the host type, every amenity asked for, open now (open status and its schedule),
 * within the radius (and nearer than `nearerThan`), nearest first, ties by id.
 */
function bruteForce(placed: Placed[], query: NearbyQuery, at: Date, nearerThan = Number.POSITIVE_INFINITY) {
  const center = { lng: query.lng, lat: query.lat };
  const shanghai = new Date(at.getTime() + 8 * 3600_000);
  const day = shanghai.getUTCDay() === 0 ? 7 : shanghai.getUTCDay();
  const minute = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
  const hits: { id: string; distance: number }[] = [];
  for (const station of placed) {
    if (station.state === 'closed') continue;
    if (query.hostType !== undefined && station.hostType !== query.hostType) continue;
    let hasAll = true;
    for (const code of query.amenities) if (!station.amenities.includes(code)) hasAll = false;
    if (!hasAll) continue;
    if (query.openNow && !(station.state === 'open' && schedules[station.schedule]!.openAt(day, minute))) {
      continue;
    }
    const distance = haversineM(center, station.location);
    if (distance <= query.radius && distance < nearerThan) hits.push({ id: station.id, distance });
  }
  hits.sort((a, b) => (a.distance !== b.distance ? a.distance - b.distance : a.id < b.id ? -1 : 1));
  return hits.slice(0, query.limit).map((hit) => ({ id: hit.id, distanceM: Math.round(hit.distance) }));
}

/** DynamoDB requests to the geo index, counted on the client itself. */
let geoRequests = 0;
db.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as { IndexName?: string };
    if (context.commandName === 'QueryCommand' && input.IndexName === indexes.stationsByGeo) geoRequests++;
    return next(args);
  },
  { step: 'initialize', name: 'countGeoRequests' },
);

/** Runs a search, counting the DynamoDB requests it makes. */
async function search(query: NearbyQuery, at: Date, bounds?: NearbyBounds) {
  geoRequests = 0;
  const result = await findNearbyStations(query, at, bounds);
  return { ...result, requests: geoRequests };
}

const { minLng, maxLng, minLat, maxLat } = SERVICE_AREA;
/** The corners and edge midpoints of the service area (empty sea, desert, border), and just inside. */
const areaEdges: GcjPoint[] = [
  ...[minLat, (minLat + maxLat) / 2, maxLat].flatMap((lat) =>
    [minLng, (minLng + maxLng) / 2, maxLng].map((lng) => ({ lng, lat })),
  ),
  { lng: 135.99, lat: 53.99 },
  { lng: 73.01, lat: 3.01 },
  { lng: 73.01, lat: 53.99 },
  { lng: 135.99, lat: 3.01 },
];

describe('Service: findNearbyStations on DynamoDB Local', () => {
  const placed: Placed[] = [];
  const cluster: Placed[] = [];

  beforeAll(async () => {
    const random = fc.sample(
      fc.record({
        amenities: fc.subarray(amenityCodes as AmenityCode[]),
        hostType: fc.constantFrom(...(hostTypes as HostType[])),
        schedule: fc.integer({ min: 0, max: schedules.length - 1 }),
        state: fc.constantFrom('open', 'open', 'open', 'open', 'temporarilyClosed', 'closed'),
      }),
      { numRuns: 400, seed: 20261121 },
    );
    // Positions from a uniform PRNG (fast-check's doubles favour 0 and the bounds, piling stations
    // on the centre): half in a dense 7 km core like a city centre, half spread over 50 km.
    const uniform = seededUniform(20261121);
    const positions = random.map((_, i) => {
      const scale = i % 2 === 0 ? 0.15 : 1;
      return {
        lng: area.lng + (uniform() - 0.5) * 0.5 * scale,
        lat: area.lat + (uniform() - 0.5) * 0.4 * scale,
      };
    });
    const stations: Station[] = [];
    for (let from = 0; from < random.length; from += 100) {
      const stored = await Promise.all(
        random.slice(from, from + 100).map((r, j) =>
          storedStation({
            location: positions[from + j]!,
            amenities: r.amenities,
            hostType: r.hostType,
            hours: schedules[r.schedule]!.hours,
            orgPath: '320000',
          }),
        ),
      );
      stations.push(...stored);
    }
    // Status is set after creation, as staff would.
    const { updateStationStatus } = await import('../../functions/src/db/stationWrites');
    for (const [index, station] of stations.entries()) {
      const { state, amenities, hostType, schedule } = random[index]!;
      placed.push({ id: station.id, location: positions[index]!, amenities, hostType, schedule, state });
      if (state === 'open') continue;
      const status =
        state === 'closed'
          ? { state: 'closed' as const }
          : { state: 'temporarilyClosed' as const, reason: '设备检修' };
      await updateStationStatus(station.id, status, station.version, new Date());
    }

    const crowd = Array.from({ length: 300 }, () => ({
      lng: dense.lng + (uniform() - 0.5) * 0.008,
      lat: dense.lat + (uniform() - 0.5) * 0.006,
    }));
    for (let from = 0; from < crowd.length; from += 100) {
      const stored = await Promise.all(
        crowd
          .slice(from, from + 100)
          .map((location) => storedStation({ location, amenities: ['water'], hostType: 'union' })),
      );
      for (const [j, station] of stored.entries()) {
        const location = crowd[from + j]!;
        cluster.push({
          id: station.id,
          location,
          amenities: ['water'],
          hostType: 'union',
          schedule: 0,
          state: 'open',
        });
      }
    }
  }, 180_000);

  it('answers exactly as an independent brute force over random queries', async () => {
    const uniform = seededUniform(7);
    const queries = fc.sample(
      fc.record({
        radius: fc.constantFrom(300, 1000, 3000, 5000, 20_000),
        limit: fc.constantFrom(1, 5, 20, 50),
        amenities: fc.subarray(['water', 'toilet', 'aircon'] as AmenityCode[], { maxLength: 2 }),
        openNow: fc.boolean(),
        hostType: fc.option(fc.constantFrom(...(hostTypes as HostType[])), { nil: undefined }),
        at: fc.date({
          min: new Date('2026-07-01T00:00:00+08:00'),
          max: new Date('2026-07-08T00:00:00+08:00'),
          noInvalidDate: true,
        }),
      }),
      { numRuns: 60, seed: 7 },
    );
    for (const q of queries) {
      const query: NearbyQuery = {
        lng: area.lng + (uniform() - 0.5) * 0.6 * 0.3,
        lat: area.lat + (uniform() - 0.5) * 0.5 * 0.3,
        radius: q.radius,
        limit: q.limit,
        amenities: q.amenities,
        openNow: q.openNow,
        hostType: q.hostType,
      };

      const { stations: answer } = await findNearbyStations(query, q.at);

      expect(
        answer.map((s) => ({ id: s.id, distanceM: s.distanceM })),
        JSON.stringify(query),
      ).toStrictEqual(bruteForce(placed, query, q.at));
    }
  }, 120_000);

  it('reads only the neighbourhood when a few stations are asked for', async () => {
    const { stations: answer, stats } = await findNearbyStations(
      { ...area, radius: 20_000, limit: 3, amenities: [], openNow: false },
      new Date(),
    );
    expect(answer.length).toBe(3);
    expect(stats.radii.at(-1)).toBeLessThan(3000);
    expect(stats.itemsRead).toBeLessThan(placed.length / 2);
  });

  it('makes at most 48 range queries and 72 DynamoDB requests, at the edges, in a crowd, anywhere', async () => {
    expect([MAX_QUERIES_PER_SEARCH, MAX_REQUESTS_PER_SEARCH]).toStrictEqual([48, 72]);
    const anywhere = fc.sample(
      fc.record({
        lng: fc.double({ min: minLng, max: maxLng, noNaN: true }),
        lat: fc.double({ min: minLat, max: maxLat, noNaN: true }),
      }),
      { numRuns: 20, seed: 24 },
    );
    // 20 km and a filter nothing passes, so every ring is searched and read in full.
    const worst = (point: GcjPoint): NearbyQuery => ({
      ...point,
      radius: 20_000,
      limit: 50,
      amenities: ['fridge', 'microwave', 'charging', 'aircon', 'toilet', 'water', 'firstAid'],
      hostType: 'bank',
      openNow: true,
    });
    let crowdRead = 0;
    for (const point of [...areaEdges, dense, area, ...anywhere]) {
      const { stats, requests } = await search(worst(point), new Date());

      expect(stats.cellQueries, JSON.stringify(point)).toBeLessThanOrEqual(MAX_QUERIES_PER_SEARCH);
      expect(requests, JSON.stringify(point)).toBeLessThanOrEqual(MAX_REQUESTS_PER_SEARCH);
      expect(requests).toBe(stats.requests);
      // Nothing found: 1,000 m × √(50 / 20), then four times as far, then (16 × 1,581 m being beyond
      // it) the full radius; where something passes, the rings grow by what they find.
      const r1 = 1000 * Math.sqrt(50 / 20);
      if (bruteForce([...placed, ...cluster], worst(point), new Date()).length === 0) {
        expect(stats.radii).toStrictEqual([r1, 4 * r1, 20_000]);
      } else expect(stats.radii.at(-1)).toBe(20_000);
      expect(stats.completeWithinM).toBe(20_000);
      if (point === dense) crowdRead = stats.itemsRead;
    }
    expect(crowdRead).toBeGreaterThanOrEqual(cluster.length);
  }, 120_000);

  it('answers the true nearest when the page bound cuts a crowded range short', async () => {
    const bounds: NearbyBounds = { ...NEARBY_BOUNDS, pageSize: 10, pagesPerSearch: 60 };
    const uniform = seededUniform(99);
    let cutShortWithAnswers = 0;
    for (let i = 0; i < 30; i++) {
      const query: NearbyQuery = {
        lng: dense.lng + (uniform() - 0.5) * 0.01,
        lat: dense.lat + (uniform() - 0.5) * 0.008,
        radius: [300, 1000, 3000, 20_000][i % 4]!,
        limit: [1, 5, 50][i % 3]!,
        amenities: [],
        openNow: false,
      };

      const { stations: answer, stats, requests } = await search(query, new Date(), bounds);

      expect(stats.cellQueries).toBeLessThanOrEqual(MAX_QUERIES_PER_SEARCH);
      expect(requests).toBeLessThanOrEqual(bounds.pagesPerSearch);
      expect(
        answer.map((s) => ({ id: s.id, distanceM: s.distanceM })),
        JSON.stringify(query),
      ).toStrictEqual(bruteForce(cluster, query, new Date(), stats.completeWithinM));
      if (stats.completeWithinM < query.radius && answer.length > 0) cutShortWithAnswers++;
    }
    expect(cutShortWithAnswers).toBeGreaterThan(0);
  }, 60_000);

  const answerOf = (stations: { id: string; distanceM: number }[]) =>
    stations.map((s) => ({ id: s.id, distanceM: s.distanceM }));
  const plain = (point: GcjPoint, radius: number, limit: number): NearbyQuery => ({
    ...point,
    radius,
    limit,
    amenities: [],
    openNow: false,
  });

  it('in a crowd stops at the first ring, which already holds the limit', async () => {
    const query = plain(dense, 20_000, 50);

    const { stations, stats } = await findNearbyStations(query, new Date());

    expect(answerOf(stations)).toStrictEqual(bruteForce(cluster, query, new Date()));
    expect(stations).toHaveLength(50);
    expect(stats.radii).toHaveLength(1);
    // The crowd is read once: no ring read it again.
    expect(stats.itemsRead).toBeLessThanOrEqual(cluster.length);
  });

  it('where stations are sparse grows ring by ring to the full radius, answering as brute force', async () => {
    // In the spread-out half of the area, away from its dense core.
    const sparse = { lng: area.lng + 0.17, lat: area.lat - 0.13 };
    const query = plain(sparse, 20_000, 50);

    const { stations, stats } = await findNearbyStations(query, new Date());

    const expected = bruteForce(placed, query, new Date());
    expect(answerOf(stations)).toStrictEqual(expected);
    expect(stats.radii.length).toBeGreaterThan(1);
    for (let i = 1; i < stats.radii.length; i++) expect(stats.radii[i]!).toBeGreaterThan(stats.radii[i - 1]!);
    // Fewer than the limit within the first ring, so it alone could not have answered.
    expect(bruteForce(placed, { ...query, radius: stats.radii[0]! }, new Date()).length).toBeLessThan(50);
    expect(stats.cellQueries).toBeLessThanOrEqual(MAX_QUERIES_PER_SEARCH);
  });

  it('stops at the ring that holds exactly the limit, and goes on for one more', async () => {
    // The matches within the first ring, counted by the test's own brute force.
    const within = bruteForce(placed, plain(area, 800, 1000), new Date()).length;
    expect(within).toBeGreaterThan(2);

    // The first ring is sized by the square root of the limit: make it 800 m for this one.
    const firstRing = (limit: number) => ({ ...NEARBY_BOUNDS, firstRingM: 800 * Math.sqrt(20 / limit) });
    const exactly = await findNearbyStations(plain(area, 20_000, within), new Date(), firstRing(within));
    const oneMore = await findNearbyStations(
      plain(area, 20_000, within + 1),
      new Date(),
      firstRing(within + 1),
    );

    expect(exactly.stats.radii).toHaveLength(1);
    expect(exactly.stats.radii[0]).toBeCloseTo(800, 6);
    expect(answerOf(exactly.stations)).toStrictEqual(
      bruteForce(placed, plain(area, 20_000, within), new Date()),
    );
    expect(oneMore.stats.radii[0]).toBeCloseTo(800, 6);
    expect(oneMore.stats.radii.length).toBeGreaterThan(1);
    expect(oneMore.stats.radii.at(-1)).toBeLessThan(20_000);
    expect(answerOf(oneMore.stations)).toStrictEqual(
      bruteForce(placed, plain(area, 20_000, within + 1), new Date()),
    );
  });

  it('reads at most 3 stations per station answered over random searches near the core', async () => {
    const uniform = seededUniform(3);
    let read = 0;
    let answered = 0;
    for (let i = 0; i < 40; i++) {
      const point = { lng: area.lng + (uniform() - 0.5) * 0.06, lat: area.lat + (uniform() - 0.5) * 0.05 };
      const query = plain(point, 3000, [5, 10, 20][i % 3]!);

      const { stations, stats } = await findNearbyStations(query, new Date());

      expect(answerOf(stations), JSON.stringify(query)).toStrictEqual(bruteForce(placed, query, new Date()));
      read += stats.itemsRead;
      answered += stations.length;
    }
    expect(answered).toBeGreaterThan(0);
    expect(read / answered).toBeLessThanOrEqual(3);
  }, 60_000);
});

describe('Access pattern: listStationsInGeoRange', () => {
  it('reads further pages only while allowed and says where the unread stations start', async () => {
    const partition = geohashEncode(dense, GEO_PARTITION_PRECISION);
    const range = { partition, from: partition, to: partition };
    const all = await listStationsInGeoRange(range, { mayReadMore: () => true });
    expect(all.stations.length).toBeGreaterThanOrEqual(300);
    expect(all.unreadFrom).toBeUndefined();

    let more = 2;
    const part = await listStationsInGeoRange(range, { pageSize: 10, mayReadMore: () => more-- > 0 });

    expect(part.requests).toBe(3);
    expect(part.stations.map((s) => s.id)).toStrictEqual(all.stations.slice(0, 30).map((s) => s.id));
    expect(part.unreadFrom).toBe(geohashEncode(part.stations[29]!.location, 8));
    for (const station of all.stations.slice(30)) {
      expect(geohashEncode(station.location, 8) >= part.unreadFrom!).toBe(true);
    }
  });
});
