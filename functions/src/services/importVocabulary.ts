import {
  type AmenityCode,
  amenityCodes,
  amenityLabels,
  type HostType,
  hostTypeLabels,
  hostTypes,
} from '@ankang/shared';

/** Words people write for a host type or amenity besides its label and code. */
const hostTypeSynonyms: Record<string, HostType> = {
  工会: 'union',
  工会驿站: 'union',
  银行: 'bank',
  中石化: 'gasStation',
  中石油: 'gasStation',
  超市: 'supermarket',
  商场: 'supermarket',
  便利店: 'supermarket',
  社区服务中心: 'community',
  党群服务中心: 'community',
  机关: 'government',
  事业单位: 'government',
};

const amenitySynonyms: Record<string, AmenityCode> = {
  饮用水: 'water',
  热水: 'water',
  开水: 'water',
  冰箱: 'fridge',
  微波炉: 'microwave',
  加热: 'microwave',
  手机充电: 'charging',
  厕所: 'toilet',
  洗手间: 'toilet',
  座椅: 'seating',
  桌椅: 'seating',
  冷气: 'aircon',
  药箱: 'firstAid',
  医药箱: 'firstAid',
  急救箱: 'firstAid',
  wifi: 'wifi',
  无线网: 'wifi',
  书籍: 'books',
  图书角: 'books',
  雨伞: 'rainGear',
  雨衣: 'rainGear',
  工具: 'toolkit',
  打气筒: 'toolkit',
};

export const lookupKey = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Label, code and synonyms → code, compared without spaces, case or full-width forms. */
export function vocabulary<T extends string>(
  labels: Record<T, string>,
  synonyms: Record<string, T>,
): Map<string, T> {
  const entries = [
    ...(Object.entries(labels) as [T, string][]).flatMap(([code, label]) => [
      [lookupKey(code), code] as const,
      [lookupKey(label), code] as const,
    ]),
    ...Object.entries(synonyms).map(([word, code]) => [lookupKey(word), code] as const),
  ];
  return new Map(entries);
}

export const hostTypeByWord = vocabulary(hostTypeLabels, hostTypeSynonyms);
export const amenityByWord = vocabulary(amenityLabels, amenitySynonyms);
/** 工会自建、银行网点、… for messages. */
export const hostTypeList = hostTypes.map((t) => hostTypeLabels[t]).join('、');
export const amenityList = amenityCodes.map((a) => amenityLabels[a]).join('、');
