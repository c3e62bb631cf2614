import {
  type AmenityCode,
  amenityCodes,
  distanceMeters,
  type HostType,
  hostTypes,
  type OpeningHoursInput,
  type Station,
} from '@ankang/shared';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareByDistance,
  findNearbyStations,
  matchesNearbyFilters,
  type NearbyQuery,
} from '../../functions/src/services/nearby';
import { storedStation } from './stationFixtures';

// A region of its own, far from the demo stations and other tests, filled with random stations.
const area = { lng: 104.06, lat: 30.66 }; // 成都
const schedules: OpeningHoursInput[] = [
  { alwaysOpen: true },
  { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '08:00', close: '20:00' })) },
  { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '18:00', close: '02:00' })) },
  { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })) },
];

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

function bruteForce(stations: Station[], query: NearbyQuery, at: Date) {
  const center = { lng: query.lng, lat: query.lat };
  return stations
    .map((station) => ({ station, id: station.id, distance: distanceMeters(center, station.location) }))
    .filter((m) => m.distance <= query.radius && matchesNearbyFilters(m.station, query, at))
    .sort(compareByDistance)
    .slice(0, query.limit)
    .map((m) => ({ id: m.id, distanceM: Math.round(m.distance) }));
}

describe('Service: findNearbyStations on DynamoDB Local', () => {
  const stations: Station[] = [];

  beforeAll(async () => {
    const random = fc.sample(
      fc.record({
        amenities: fc.subarray(amenityCodes as AmenityCode[]),
        hostType: fc.constantFrom(...(hostTypes as HostType[])),
        hours: fc.constantFrom(...schedules),
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
    for (const batch of [0, 1, 2, 3].map((i) =>
      random.slice(i * 100, i * 100 + 100).map((r, j) => ({ r, at: i * 100 + j })),
    )) {
      const stored = await Promise.all(
        batch.map(({ r, at }) => {
          return storedStation({
            location: positions[at]!,
            amenities: r.amenities,
            hostType: r.hostType,
            hours: r.hours,
            orgPath: '320000',
          });
        }),
      );
      stations.push(...stored);
    }
    // Status is set after creation, as staff would; keep the local copies in step.
    const { updateStationStatus } = await import('../../functions/src/db/stationWrites');
    for (const [index, station] of stations.entries()) {
      const state = random[index]!.state;
      if (state === 'open') continue;
      const status =
        state === 'closed'
          ? { state: 'closed' as const }
          : { state: 'temporarilyClosed' as const, reason: '设备检修' };
      stations[index] = await updateStationStatus(station.id, status, station.version, new Date());
    }
  }, 120_000);

  it('answers exactly as brute force over random queries', async () => {
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
      const expected = bruteForce(stations, query, q.at);
      expect(
        answer.map((s) => ({ id: s.id, distanceM: s.distanceM })),
        JSON.stringify(query),
      ).toStrictEqual(expected);
    }
  }, 120_000);

  it('reads only the neighbourhood when the near ring is enough', async () => {
    const { stations: answer, stats } = await findNearbyStations(
      { ...area, radius: 20_000, limit: 3, amenities: [], openNow: false },
      new Date(),
    );
    expect(answer.length).toBe(3);
    expect(stats.radii).toStrictEqual([1000]);
    expect(stats.itemsRead).toBeLessThan(stations.length / 2);
  });
});
