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
import { placeByCode, stationPlaceOf } from '../../functions/src/lib/places';

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
  }, 60_000);

  it('generates only stations the schema accepts unchanged', () => {
    for (let index = 0; index < NATIONAL_STATION_COUNT; index += 97) {
      const station = nationalStation(index);
      expect(stationSchema.parse(station)).toStrictEqual(station);
    }
  });

  it('names real counties and towns, derived back from its 区县 and address as the API derives them', () => {
    for (let index = 0; index < NATIONAL_STATION_COUNT; index += 53) {
      const station = nationalStation(index);
      const county = placeByCode(station.place!.county)!;
      const town = placeByCode(station.place!.town!)!;
      expect(county.level).toBe('county');
      expect(town.level).toBe('town');
      expect(town.code.startsWith(county.code)).toBe(true);
      expect(station.district).toBe(`${county.name} ${town.name}`);
      expect(station.address).toMatch(
        new RegExp(`^${county.name}${town.name}\\p{Script=Han}{2,5}\\d{1,3}号$`, 'u'),
      );
      expect(stationPlaceOf(station)).toStrictEqual(station.place);
    }
  }, 60_000);

  it('holds the benchmark’s search words: 人民中路, 加油站, 杨舍 (only in 张家港), 社区工会驿站', () => {
    const words = { 人民中路: 0, 加油站: 0, 杨舍: 0, 社区工会驿站: 0 };
    for (let index = 0; index < NATIONAL_STATION_COUNT; index += 3) {
      const station = nationalStation(index);
      for (const word of Object.keys(words) as (keyof typeof words)[]) {
        if (`${station.name}${station.address}`.includes(word)) words[word] += 1;
      }
    }
    expect(Object.values(words).every((count) => count > 0)).toBe(true);
    expect(words.加油站).toBeGreaterThan(1_000);
  }, 60_000);

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
