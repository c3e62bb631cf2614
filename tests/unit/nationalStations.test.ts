import { outOfChina, stationSchema } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { demoOrgs } from '../../functions/local/demoData';
import { demoStations } from '../../functions/local/demoStations';
import {
  cities,
  NATIONAL_ALWAYS_OPEN,
  NATIONAL_BEST,
  NATIONAL_STATION_COUNT,
  nationalStation,
  nationalStations,
} from '../../functions/local/nationalStations';

describe('Bench data: national stations', () => {
  it('builds the same station for the same index every time', () => {
    for (const index of [0, 1, 9_999, 123_456, NATIONAL_STATION_COUNT - 1]) {
      expect(nationalStation(index)).toStrictEqual(nationalStation(index));
    }
    expect(nationalStation(42).id).not.toBe(nationalStation(43).id);
  });

  it('matches the national figures: 18.61万 stations, 1.21万 open 24 h, 3.45万 rated 最美', () => {
    const ids = new Set<string>();
    let alwaysOpen = 0;
    let best = 0;
    let closed = 0;
    let outside = 0;
    for (const station of nationalStations()) {
      ids.add(station.id);
      if (station.hours.alwaysOpen) alwaysOpen++;
      if (station.bestYears.length > 0) best++;
      if (station.status.state === 'closed') closed++;
      if (outOfChina(station.location.lng, station.location.lat)) outside++;
    }

    expect({ stations: ids.size, alwaysOpen, best, outside }).toStrictEqual({
      stations: NATIONAL_STATION_COUNT,
      alwaysOpen: NATIONAL_ALWAYS_OPEN,
      best: NATIONAL_BEST,
      outside: 0,
    });
    expect(closed / NATIONAL_STATION_COUNT).toBeGreaterThan(0.005);
    expect(closed / NATIONAL_STATION_COUNT).toBeLessThan(0.02);
  });

  it('generates only stations the schema accepts unchanged', () => {
    for (let index = 0; index < NATIONAL_STATION_COUNT; index += 97) {
      const station = nationalStation(index);
      expect(stationSchema.parse(station)).toStrictEqual(station);
    }
  });

  it('places every city inside China', () => {
    expect(cities.filter((city) => outOfChina(city.center.lng, city.center.lat))).toStrictEqual([]);
  });
});

describe('Seed data: demo stations', () => {
  it('gives every demo station its own id and external id, inside the demo org tree', () => {
    const stations = demoStations(new Date('2026-07-15T12:00:00+08:00'));
    const orgPaths = new Set(demoOrgs.map((org) => org.path));

    expect(new Set(stations.map((s) => s.id)).size).toBe(stations.length);
    expect(new Set(stations.map((s) => s.externalId)).size).toBe(stations.length);
    expect(stations.filter((s) => !orgPaths.has(s.orgPath))).toStrictEqual([]);
  });
});
