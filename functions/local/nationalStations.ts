import {
  type AmenityCode,
  amenityCodes,
  type GcjPoint,
  type HostType,
  type HoursException,
  type OpeningHours,
  type Place,
  type Station,
  type StationStatus,
  type WeeklyPeriod,
} from '@ankang/shared';
import { childrenOf, placeByCode } from '../src/lib/places';

/**
 * The national-scale station set for the benchmark: 18.61万 stations (1.21万 open 24 h, 3.45万 rated
 * 最美, the end-2024 figures) clustered around real cities, with a share scattered through the towns
 * and countryside between them. Station `i` is a pure function of `i` (its own seeded PRNG), so the
 * set is the same on every machine, needs no memory to hold, and any one station can be rebuilt.
 */

export const NATIONAL_STATION_COUNT = 186_100;
export const NATIONAL_ALWAYS_OPEN = 12_100;
export const NATIONAL_BEST = 34_500;
/** Share of stations outside the city clusters, on the way between neighbouring cities. */
const RURAL_SHARE = 0.15;

export interface City {
  name: string;
  /** Administrative-division code of the city (prefecture level, or county level for 县级市). */
  code: string;
  /** Approximate centre, GCJ-02. */
  center: GcjPoint;
  /** Relative size (≈ urban population in millions): more stations, spread wider. */
  weight: number;
}

type CityRow = [name: string, code: string, lng: number, lat: number, weight: number];

// biome-ignore format: one city a line reads better than the formatter's layout
const cityRows: CityRow[] = [
  ['上海', '310100', 121.474, 31.23, 24], ['北京', '110100', 116.407, 39.904, 21], ['深圳', '440300', 114.058, 22.543, 17],
  ['广州', '440100', 113.264, 23.129, 16], ['成都', '510100', 104.066, 30.573, 14], ['重庆', '500100', 106.551, 29.563, 12],
  ['天津', '120100', 117.2, 39.084, 11], ['武汉', '420100', 114.305, 30.593, 11], ['西安', '610100', 108.94, 34.341, 10],
  ['杭州', '330100', 120.155, 30.274, 10], ['郑州', '410100', 113.625, 34.747, 9], ['南京', '320100', 118.797, 32.06, 8],
  ['东莞', '441900', 113.752, 23.021, 8], ['苏州', '320500', 120.585, 31.299, 7], ['沈阳', '210100', 123.431, 41.805, 7],
  ['长沙', '430100', 112.938, 28.228, 7], ['佛山', '440600', 113.122, 23.022, 7], ['青岛', '370200', 120.383, 36.067, 6],
  ['哈尔滨', '230100', 126.535, 45.802, 6], ['合肥', '340100', 117.227, 31.821, 6], ['济南', '370100', 117.12, 36.651, 6],
  ['昆明', '530100', 102.833, 24.88, 5], ['宁波', '330200', 121.55, 29.874, 5], ['长春', '220100', 125.324, 43.817, 5],
  ['石家庄', '130100', 114.515, 38.042, 5], ['大连', '210200', 121.614, 38.914, 4.5], ['福州', '350100', 119.296, 26.075, 4.5],
  ['南宁', '450100', 108.367, 22.817, 4.5], ['厦门', '350200', 118.089, 24.48, 4], ['无锡', '320200', 120.312, 31.491, 4],
  ['太原', '140100', 112.549, 37.87, 4], ['南昌', '360100', 115.858, 28.683, 4], ['贵阳', '520100', 106.63, 26.647, 4],
  ['乌鲁木齐', '650100', 87.617, 43.826, 3.5], ['温州', '330300', 120.699, 27.994, 3.5], ['泉州', '350500', 118.676, 24.874, 3.5],
  ['常州', '320400', 119.974, 31.811, 3.5], ['兰州', '620100', 103.834, 36.061, 3], ['唐山', '130200', 118.18, 39.63, 3],
  ['徐州', '320300', 117.284, 34.205, 3], ['中山', '442000', 113.393, 22.517, 3], ['惠州', '441300', 114.416, 23.112, 3],
  ['南通', '320600', 120.894, 31.981, 3], ['烟台', '370600', 121.448, 37.464, 2.5], ['潍坊', '370700', 119.162, 36.707, 2.5],
  ['嘉兴', '330400', 120.755, 30.746, 2.5], ['绍兴', '330600', 120.58, 30.03, 2.5], ['台州', '331000', 121.421, 28.656, 2.5],
  ['临沂', '371300', 118.357, 35.105, 2.5], ['汕头', '440500', 116.682, 23.354, 2.5], ['呼和浩特', '150100', 111.749, 40.842, 2.3],
  ['珠海', '440400', 113.577, 22.271, 2.2], ['海口', '460100', 110.199, 20.044, 2.2], ['洛阳', '410300', 112.454, 34.62, 2.2],
  ['保定', '130600', 115.465, 38.874, 2.2], ['邯郸', '130400', 114.539, 36.626, 2.2], ['淄博', '370300', 118.055, 36.813, 2.2],
  ['金华', '330700', 119.647, 29.079, 2], ['银川', '640100', 106.231, 38.487, 2], ['江门', '440700', 113.082, 22.579, 2],
  ['西宁', '630100', 101.778, 36.617, 1.8], ['济宁', '370800', 116.587, 35.415, 1.8], ['扬州', '321000', 119.413, 32.394, 1.8],
  ['盐城', '320900', 120.163, 33.348, 1.8], ['芜湖', '340200', 118.433, 31.353, 1.8], ['赣州', '360700', 114.935, 25.831, 1.8],
  ['柳州', '450200', 109.416, 24.326, 1.8], ['昆山', '320583', 120.981, 31.385, 1.8], ['淮安', '320800', 119.113, 33.551, 1.6],
  ['襄阳', '420600', 112.122, 32.009, 1.6], ['湛江', '440800', 110.359, 21.271, 1.6], ['包头', '150200', 109.84, 40.657, 1.6],
  ['阜阳', '341200', 115.815, 32.89, 1.5], ['南阳', '411300', 112.528, 32.991, 1.5], ['连云港', '320700', 119.222, 34.597, 1.4],
  ['宜昌', '420500', 111.287, 30.692, 1.4], ['遵义', '520300', 106.927, 27.725, 1.4], ['鞍山', '210300', 122.994, 41.108, 1.4],
  ['镇江', '321100', 119.425, 32.188, 1.3], ['泰州', '321200', 119.923, 32.456, 1.3], ['湖州', '330500', 120.088, 30.894, 1.3],
  ['漳州', '350600', 117.647, 24.513, 1.3], ['株洲', '430200', 113.134, 27.828, 1.3], ['衡阳', '430400', 112.572, 26.894, 1.3],
  ['桂林', '450300', 110.29, 25.274, 1.3], ['绵阳', '510700', 104.679, 31.468, 1.3], ['咸阳', '610400', 108.709, 34.33, 1.3],
  ['吉林', '220200', 126.549, 43.838, 1.3], ['晋江', '350582', 118.552, 24.782, 1.3], ['宿迁', '321300', 118.275, 33.963, 1.2],
  ['蚌埠', '340300', 117.389, 32.916, 1.2], ['九江', '360400', 116.001, 29.705, 1.2], ['新乡', '410700', 113.927, 35.303, 1.2],
  ['商丘', '411400', 115.656, 34.415, 1.2], ['岳阳', '430600', 113.129, 29.357, 1.2], ['大同', '140200', 113.3, 40.077, 1.2],
  ['大庆', '230600', 125.104, 46.589, 1.2], ['江阴', '320281', 120.285, 31.92, 1.2], ['义乌', '330782', 120.075, 29.306, 1.2],
  ['廊坊', '131000', 116.684, 39.538, 1.2], ['常德', '430700', 111.699, 29.032, 1.1], ['南充', '511300', 106.111, 30.837, 1.1],
  ['宜宾', '511500', 104.643, 28.752, 1.1], ['常熟', '320581', 120.752, 31.654, 1.1], ['沧州', '130900', 116.839, 38.304, 1.1],
  ['张家港', '320582', 120.555, 31.875, 1], ['宝鸡', '610300', 107.238, 34.362, 1], ['齐齐哈尔', '230200', 123.918, 47.354, 1],
  ['慈溪', '330282', 121.266, 30.17, 1], ['秦皇岛', '130300', 119.6, 39.935, 1], ['邢台', '130500', 114.505, 37.071, 1],
  ['莆田', '350300', 119.008, 25.454, 1], ['菏泽', '371700', 115.481, 35.234, 1], ['泰安', '370900', 117.087, 36.2, 1],
  ['揭阳', '445200', 116.372, 23.55, 1], ['茂名', '440900', 110.925, 21.663, 1], ['三亚', '460200', 109.512, 18.253, 0.9],
  ['曲靖', '530300', 103.796, 25.49, 0.9], ['长治', '140400', 113.117, 36.195, 0.9], ['赤峰', '150400', 118.887, 42.258, 0.9],
  ['马鞍山', '340500', 118.507, 31.67, 0.9], ['威海', '371000', 122.12, 37.513, 0.9], ['德州', '371400', 116.357, 37.434, 0.9],
  ['聊城', '371500', 115.985, 36.457, 0.9], ['开封', '410200', 114.307, 34.797, 0.9], ['安阳', '410500', 114.393, 36.098, 0.9],
  ['荆州', '421000', 112.24, 30.335, 0.9], ['肇庆', '441200', 112.465, 23.047, 0.9], ['泸州', '510500', 105.442, 28.871, 0.9],
  ['临汾', '141000', 111.519, 36.088, 0.8], ['鄂尔多斯', '150600', 109.781, 39.608, 0.8], ['锦州', '210700', 121.127, 41.095, 0.8],
  ['安庆', '340800', 117.063, 30.531, 0.8], ['上饶', '361100', 117.943, 28.455, 0.8], ['平顶山', '410400', 113.193, 33.766, 0.8],
  ['周口', '411600', 114.697, 33.626, 0.8], ['信阳', '411500', 114.091, 32.147, 0.8], ['十堰', '420300', 110.798, 32.629, 0.8],
  ['清远', '441800', 113.056, 23.682, 0.8], ['玉林', '450900', 110.181, 22.654, 0.8], ['德阳', '510600', 104.398, 31.127, 0.8],
  ['达州', '511700', 107.468, 31.209, 0.8], ['宜春', '360900', 114.417, 27.815, 0.7], ['牡丹江', '231000', 129.633, 44.552, 0.7],
  ['黄石', '420200', 115.039, 30.2, 0.7], ['郴州', '431000', 113.015, 25.771, 0.7], ['北海', '450500', 109.12, 21.481, 0.7],
  ['乐山', '511100', 103.766, 29.552, 0.7], ['榆林', '610800', 109.734, 38.285, 0.7], ['渭南', '610500', 109.51, 34.499, 0.7],
  ['邵阳', '430500', 111.468, 27.239, 0.6], ['大理', '532900', 100.268, 25.606, 0.6], ['天水', '620500', 105.725, 34.581, 0.6],
  ['喀什', '653100', 75.99, 39.47, 0.6], ['通辽', '150500', 122.244, 43.653, 0.6], ['佳木斯', '230800', 130.319, 46.8, 0.6],
  ['安顺', '520400', 105.946, 26.253, 0.5], ['拉萨', '540100', 91.141, 29.646, 0.5], ['库尔勒', '652800', 86.146, 41.764, 0.5],
  ['伊宁', '654000', 81.324, 43.917, 0.5], ['石嘴山', '640200', 106.384, 38.984, 0.4], ['克拉玛依', '650200', 84.889, 45.579, 0.4],
  ['哈密', '650500', 93.515, 42.818, 0.4], ['呼伦贝尔', '150700', 119.766, 49.212, 0.4], ['酒泉', '620900', 98.494, 39.732, 0.3],
  ['日喀则', '540200', 88.881, 29.267, 0.2], ['格尔木', '632800', 94.903, 36.402, 0.2],
];

export const cities: City[] = cityRows.map(([name, code, lng, lat, weight]) => ({
  name,
  code,
  center: { lng, lat },
  weight,
}));

/** How far a city's stations spread: the σ of its Gaussian cluster, in km. */
export function citySpreadKm(city: City): number {
  return 2.5 + 1.6 * Math.sqrt(city.weight);
}

/** The org path of a city's union: province / city (/ county for a 县级市). */
function orgPathOf(city: City): string {
  const province = `${city.code.slice(0, 2)}0000`;
  if (city.code.endsWith('00')) return `${province}/${city.code}`;
  return `${province}/${city.code.slice(0, 4)}00/${city.code}`;
}

/** mulberry32: a small, fast seeded PRNG returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** murmur3's finaliser: spreads consecutive indexes over unrelated seeds. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** `center` moved east by `eastKm` and north by `northKm`, rounded to 6 decimals (≈ 0.1 m). */
export function offsetPoint(center: GcjPoint, eastKm: number, northKm: number): GcjPoint {
  const lat = center.lat + northKm / 110.574;
  const lng = center.lng + eastKm / (111.32 * Math.cos((center.lat * Math.PI) / 180));
  return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
}

const cumulativeWeights = (() => {
  let sum = 0;
  return cities.map((city) => {
    sum += city.weight;
    return sum;
  });
})();
const totalWeight = cumulativeWeights.at(-1)!;

/** A city drawn in proportion to its weight. */
export function pickCity(rand: () => number): City {
  const target = rand() * totalWeight;
  let lo = 0;
  let hi = cities.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulativeWeights[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return cities[lo]!;
}

/** Up to three neighbours within 300 km of each city: rural stations lie on the way to one. */
const neighbours: City[][] = cities.map((city) =>
  cities
    .filter((other) => other !== city)
    .map((other) => ({ other, km: roughKm(city.center, other.center) }))
    .filter(({ km }) => km <= 300)
    .sort((a, b) => a.km - b.km)
    .slice(0, 3)
    .map(({ other }) => other),
);

function roughKm(a: GcjPoint, b: GcjPoint): number {
  const x = (b.lng - a.lng) * 111.32 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const y = (b.lat - a.lat) * 110.574;
  return Math.sqrt(x * x + y * y);
}

/** A point in the countryside near `city`: between it and a neighbour, or around an isolated one. */
export function ruralPoint(city: City, rand: () => number): GcjPoint {
  const near = neighbours[cities.indexOf(city)]!;
  if (near.length === 0) {
    const km = 3 * citySpreadKm(city) + rand() * 20;
    const angle = rand() * 2 * Math.PI;
    return offsetPoint(city.center, km * Math.cos(angle), km * Math.sin(angle));
  }
  const other = near[Math.floor(rand() * near.length)]!;
  const t = 0.15 + rand() * 0.7;
  const via = {
    lng: city.center.lng + (other.center.lng - city.center.lng) * t,
    lat: city.center.lat + (other.center.lat - city.center.lat) * t,
  };
  return offsetPoint(via, gaussian(rand) * 8, gaussian(rand) * 8);
}

/** A point in the city's cluster; at most three σ from its centre. */
export function cityPoint(city: City, rand: () => number, sigmas = 1): GcjPoint {
  const spread = citySpreadKm(city) * sigmas;
  const clamp = (v: number) => Math.max(-3, Math.min(3, v));
  return offsetPoint(city.center, clamp(gaussian(rand)) * spread, clamp(gaussian(rand)) * spread);
}

/**
 * An index permutation (i ↦ a·i + b mod N, a coprime to N = 2²·5²·1861) so that exactly `k` indexes
 * have a property: those mapped below `k`. Unrelated to where a station lies.
 */
function hasProperty(index: number, a: number, b: number, k: number): boolean {
  return (a * index + b) % NATIONAL_STATION_COUNT < k;
}

const banks = '中国工商银行 中国农业银行 中国银行 中国建设银行 交通银行 中国邮政储蓄银行 招商银行'.split(' ');
const fuel = ['中国石化', '中国石油'];
const chains = '华润万家 永辉超市 物美 大润发 联华超市 苏果超市'.split(' ');
const companies = '顺丰速运 中通快递 美团 饿了么 国家电网 京东物流 城市环境集团'.split(' ');
/** Road names as they are common across China; 人民中路 among them, so a search for it finds some. */
const roads = (
  '人民中路 人民路 解放路 中山路 中山北路 建设路 和平路 新华路 胜利路 文化路 东风路 光明路 青年路 朝阳路 ' +
  '长江路 黄河路 滨江大道 湖滨路 学府路 世纪大道 体育路 站前路 府前街 迎宾大道 环城北路 南环路 东环路 ' +
  '工业大道 金桥路 幸福路 团结路 振兴路 育才路 健康路 北京路 上海路 南京路 步行街 商业街 新城大道'
).split(' ');
const communities = '城北 城南 新华 金桥 幸福 花园 阳光 和平 东苑 西苑 南苑 北苑 锦绣 翠园 滨河 丽景'.split(
  ' ',
);

/** 姑苏区 → 姑苏, 张家港市 → 张家港: the short form names and addresses use; two characters at least. */
function shortName(name: string): string {
  const short = name.replace(/(街道|镇|乡|苏木|自治县|自治旗|新区|区|县|市|旗)$/, '');
  return short.length >= 2 ? short : name;
}

const countiesByCity = new Map<string, Place[]>();
const townsByCounty = new Map<string, Place[]>();

/** The counties of a city (a 县级市 is its own one county); a municipality's are listed under its province. */
function countiesOf(city: City): Place[] {
  const cached = countiesByCity.get(city.code);
  if (cached) return cached;
  const cityCode = city.code.slice(0, 4);
  const counties = city.code.endsWith('00')
    ? [...childrenOf(cityCode), ...childrenOf(city.code.slice(0, 2))].filter(
        (county) => county.level === 'county' && county.code.startsWith(cityCode),
      )
    : [placeByCode(city.code)].flatMap((county) => county ?? []);
  countiesByCity.set(city.code, counties);
  return counties;
}

function townsOf(county: Place): Place[] {
  const cached = townsByCounty.get(county.code) ?? childrenOf(county.code);
  townsByCounty.set(county.code, cached);
  return cached;
}

/** The entries of `list` that suit urban (or rural) stations, or all when none does; cached per key. */
const suitedCache = new Map<string, Place[]>();
function suited(key: string, list: Place[], fits: (place: Place) => boolean): Place[] {
  const cached = suitedCache.get(key);
  if (cached) return cached;
  const fitting = list.filter(fits);
  const result = fitting.length > 0 ? fitting : list;
  suitedCache.set(key, result);
  return result;
}

/** A real county of `city` (urban points in its 区, rural ones in its 县/市 where it has them) and a town of it. */
function placeIn(city: City, rural: boolean, rand: () => number): { county: Place; town?: Place } {
  const county = pick(
    rand,
    suited(`city:${city.code}:${rural}`, countiesOf(city), (c) => /区$/.test(c.name) !== rural),
  );
  const towns = suited(
    `county:${county.code}:${rural}`,
    townsOf(county),
    (t) => /街道$/.test(t.name) !== rural,
  );
  return { county, ...(towns.length > 0 ? { town: pick(rand, towns) } : {}) };
}

/** A name as stations are named: the host's brand, the place and the road, e.g. 中国石化姑苏人民中路加油站. */
function nameOf(
  host: HostType,
  where: { county: string; town: string; road: string },
  rand: () => number,
): string {
  const town = shortName(where.town);
  switch (host) {
    case 'union':
      return rand() < 0.5
        ? `${where.county}总工会${town}户外劳动者服务站`
        : `${town}${shortName(where.road)}职工驿站`;
    case 'bank':
      return `${pick(rand, banks)}${shortName(where.county)}${town}支行爱心驿站`;
    case 'gasStation':
      return `${pick(rand, fuel)}${town}${shortName(where.road)}加油站`;
    case 'supermarket':
      return `${pick(rand, chains)}${shortName(where.road)}店爱心驿站`;
    case 'community':
      return `${town}${pick(rand, communities)}社区工会驿站`;
    case 'enterprise':
      return `${pick(rand, companies)}${shortName(where.county)}${town}站点职工驿站`;
    case 'government':
      return `${where.town}便民服务中心驿站`;
    default:
      return `${shortName(where.road)}公园户外劳动者驿站`;
  }
}

/**
 * The draws the former name and address took from the station's main generator (after its phone),
 * taken still and dropped, so hours, amenities and status of every station stay what they were (the
 * nearby bench's figures compare across versions); names and places come from a generator of their own.
 */
function legacyTextDraws(host: HostType, rand: () => number): void {
  if (['union', 'bank', 'gasStation', 'supermarket', 'enterprise'].includes(host)) rand();
  rand(); // the house number
}

// biome-ignore format: a weight table reads best on one line
const hostWeights: [HostType, number][] = [['union', 20], ['bank', 15], ['gasStation', 8], ['supermarket', 12], ['community', 25], ['enterprise', 12], ['government', 6], ['other', 2]];
// biome-ignore format: a weight table reads best on one line
const hostWeights24h: [HostType, number][] = [['gasStation', 50], ['enterprise', 20], ['government', 10], ['union', 10], ['community', 5], ['supermarket', 5]];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function pickWeighted<T>(rand: () => number, items: [T, number][]): T {
  let target = rand() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, weight] of items) {
    target -= weight;
    if (target < 0) return item;
  }
  return items[0]![0];
}

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [1, 2, 3, 4, 5, 6, 7];

function week(days: number[], spans: [string, string][]): WeeklyPeriod[] {
  return days.flatMap((day) => spans.map(([open, close]) => ({ day, open, close })));
}

/** Opening-hour patterns of ordinary stations, by how common they are. */
const hourPatterns: [() => WeeklyPeriod[], number][] = [
  [() => week(weekdays, [['08:30', '17:30']]), 15],
  [
    () =>
      week(weekdays, [
        ['08:30', '11:30'],
        ['13:30', '17:30'],
      ]),
    12,
  ],
  [() => [...week(weekdays, [['09:00', '17:00']]), ...week([6, 7], [['09:00', '16:00']])], 12],
  [() => week(everyDay, [['07:00', '21:00']]), 20],
  [() => week(everyDay, [['08:00', '22:00']]), 15],
  [() => week(everyDay, [['05:00', '19:00']]), 10],
  [
    () =>
      week(everyDay, [
        ['10:00', '14:00'],
        ['18:00', '02:00'],
      ]),
    6,
  ],
  [() => [...week(weekdays, [['07:30', '18:30']]), ...week([6], [['08:00', '12:00']])], 10],
];

function holidayExceptions(rand: () => number): HoursException[] {
  const roll = rand();
  if (roll < 0.2) {
    return ['2026-10-01', '2026-10-02', '2026-10-03'].map((date) => ({
      date,
      closed: true,
      periods: [],
      note: '国庆节',
    }));
  }
  if (roll < 0.3) {
    return ['2027-02-05', '2027-02-06'].map((date) => ({ date, closed: true, periods: [], note: '春节' }));
  }
  return [];
}

function hoursOf(alwaysOpen: boolean, rand: () => number): OpeningHours {
  const exceptions = holidayExceptions(rand);
  const season = rand() < 0.06 ? { season: { from: '06-01', to: '09-30' } } : {};
  if (alwaysOpen) return { alwaysOpen: true, weekly: [], exceptions: [], ...season };
  return { alwaysOpen: false, weekly: pickWeighted(rand, hourPatterns)(), exceptions, ...season };
}

/** Common amenities are likelier; gas stations always have a toilet, riders' stops charging. */
function amenitiesOf(host: HostType, rand: () => number): AmenityCode[] {
  const chance: Partial<Record<AmenityCode, number>> = {
    water: 0.95,
    fridge: 0.35,
    microwave: 0.5,
    charging: 0.6,
    toilet: 0.65,
    seating: 0.9,
    aircon: 0.7,
    firstAid: 0.55,
    wifi: 0.3,
    books: 0.2,
    rainGear: 0.25,
    toolkit: 0.15,
  };
  if (host === 'gasStation') chance.toilet = 1;
  if (host === 'enterprise') chance.charging = 0.9;
  return amenityCodes.filter((code) => rand() < (chance[code] ?? 0));
}

function statusOf(rand: () => number): StationStatus {
  const roll = rand();
  if (roll < 0.01) return { state: 'closed', reason: '驿站撤并' };
  if (roll < 0.025)
    return { state: 'temporarilyClosed', reason: '设施检修', until: '2026-08-31T00:00:00+08:00' };
  if (roll < 0.04) return { state: 'temporarilyClosed', reason: '场地装修，暂停开放' };
  return { state: 'open' };
}

function bestYearsOf(rand: () => number): number[] {
  const first = 2019 + Math.floor(rand() * 7);
  return [first, first + 1, first + 2].filter((year, i) => year <= 2025 && (i === 0 || rand() < 0.3));
}

function timeBetween(fromMs: number, toMs: number, rand: () => number): string {
  return new Date(fromMs + Math.floor(rand() * (toMs - fromMs))).toISOString();
}

const CREATED_FROM = Date.parse('2022-01-01T00:00:00Z');
const CREATED_TO = Date.parse('2024-12-31T00:00:00Z');
const VERIFIED_FROM = Date.parse('2025-01-01T00:00:00Z');
const VERIFIED_TO = Date.parse('2026-06-30T00:00:00Z');

export function nationalStationId(index: number): string {
  return `st_${mix32(index ^ 0x5eed)
    .toString(16)
    .padStart(8, '0')}${index.toString(36).padStart(4, '0')}`;
}

/** Station `index` (0 ≤ index < NATIONAL_STATION_COUNT) of the national set; the same on every call. */
export function nationalStation(index: number): Station {
  const rand = seededRandom(mix32(Math.imul(index, 0x9e3779b1) ^ 0x2024_1861));
  const city = pickCity(rand);
  const rural = rand() < RURAL_SHARE;
  const location = rural ? ruralPoint(city, rand) : cityPoint(city, rand);
  const alwaysOpen = hasProperty(index, 7919, 104_729, NATIONAL_ALWAYS_OPEN);
  const best = hasProperty(index, 6007, 15_485, NATIONAL_BEST);
  const host = pickWeighted(rand, alwaysOpen ? hostWeights24h : hostWeights);
  rand(); // the former area word: see legacyTextDraws
  const textRand = seededRandom(mix32(index ^ 0x7a3e_11f0));
  const place = placeIn(city, rural, textRand);
  const road = pick(textRand, roads);
  const townName = place.town?.name ?? '';
  const name = nameOf(
    host,
    { county: place.county.name, town: townName || place.county.name, road },
    textRand,
  );
  const count = rand() < 0.6 ? Math.floor(rand() * 60) : 0;
  const stars: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (let i = 0; i < count; i++) stars[Math.min(4, Math.floor(5 - rand() * rand() * 5))]! += 1;
  const total = stars.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const createdAt = timeBetween(CREATED_FROM, CREATED_TO, rand);
  const lastVerifiedAt = rand() < 0.8 ? timeBetween(VERIFIED_FROM, VERIFIED_TO, rand) : null;
  const phone =
    rand() < 0.7
      ? `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`
      : null;
  legacyTextDraws(host, rand);
  return {
    id: nationalStationId(index),
    externalId: `NAT-${String(index + 1).padStart(6, '0')}`,
    name,
    address: `${place.county.name}${townName}${road}${1 + Math.floor(textRand() * 899)}号`,
    district: `${place.county.name}${townName ? ` ${townName}` : ''}`,
    orgPath: orgPathOf(city),
    place: {
      province: place.county.code.slice(0, 2),
      city: place.county.code.slice(0, 4),
      county: place.county.code,
      ...(place.town ? { town: place.town.code } : {}),
    },
    location,
    hostType: host,
    amenities: amenitiesOf(host, rand),
    hours: hoursOf(alwaysOpen, rand),
    ...(phone ? { phone } : {}),
    bestYears: best ? bestYearsOf(rand) : [],
    status: statusOf(rand),
    photos: [],
    photosVersion: 0,
    lastVerifiedAt,
    lastVerifiedBy: lastVerifiedAt ? 'u_national0staff0000' : null,
    rating: { count, average: count ? Math.round((total / count) * 10) / 10 : 0, stars },
    openReports: 0,
    version: 1,
    createdAt,
    updatedAt: lastVerifiedAt ?? createdAt,
  };
}

/** The national set in index order, one station at a time. */
export function* nationalStations(count = NATIONAL_STATION_COUNT): Generator<Station> {
  for (let index = 0; index < count; index++) yield nationalStation(index);
}
