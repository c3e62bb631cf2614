import { z } from 'zod';
import { inServiceArea, SERVICE_AREA_MESSAGE } from '../domain/serviceArea';
import { openingHoursSchema } from './hours';
import { orgPathSchema } from './org';
import { stationPlaceSchema } from './place';
import { safeText } from './text';

/** Amenities from a fixed list; the code is stored, the label shown. */
export const amenityLabels = {
  water: '饮水',
  fridge: '冷藏',
  microwave: '加热/微波炉',
  charging: '充电',
  toilet: '卫生间',
  seating: '休息座椅',
  aircon: '空调',
  firstAid: '应急药箱',
  wifi: 'Wi-Fi',
  books: '图书',
  rainGear: '雨具',
  toolkit: '维修工具',
} as const;
export type AmenityCode = keyof typeof amenityLabels;
export const amenityCodes = Object.keys(amenityLabels) as [AmenityCode, ...AmenityCode[]];
export const amenitySchema = z.enum(amenityCodes);

export const hostTypeLabels = {
  union: '工会自建',
  bank: '银行网点',
  gasStation: '加油站',
  supermarket: '商超',
  community: '社区',
  enterprise: '企业',
  government: '机关事业单位',
  other: '其他',
} as const;
export type HostType = keyof typeof hostTypeLabels;
export const hostTypes = Object.keys(hostTypeLabels) as [HostType, ...HostType[]];
export const hostTypeSchema = z.enum(hostTypes);

/** A point in GCJ-02, the coordinate system of maps in China and of `wx.getLocation({type:'gcj02'})`. */
export const gcjPointSchema = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type GcjPoint = z.infer<typeof gcjPointSchema>;

/** Where a station may be: a GCJ-02 point inside the service area (one rule for create, edit, import). */
export const stationLocationSchema = gcjPointSchema.refine(inServiceArea, { message: SERVICE_AREA_MESSAGE });

export const stationStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('open') }),
  z.object({
    state: z.literal('temporarilyClosed'),
    reason: safeText({ label: '暂停原因', max: 60 }),
    /** When it reopens (ISO time); open-ended when absent. */
    until: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ state: z.literal('closed'), reason: safeText({ label: '关闭原因', max: 60 }).optional() }),
]);
export type StationStatus = z.infer<typeof stationStatusSchema>;

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|\d{5,6})$/, '电话号码格式不正确');

export const ratingSummarySchema = z.object({
  count: z.number().int().min(0),
  /** Mean of 1–5 stars, rounded to one decimal; 0 when nobody rated yet. */
  average: z.number().min(0).max(5),
  /** How many gave 1, 2, 3, 4, 5 stars. */
  stars: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
});
export type RatingSummary = z.infer<typeof ratingSummarySchema>;

export const stationIdSchema = z.string().regex(/^st_[0-9a-z]{8,32}$/, '驿站编号格式不正确');

/** The source system's id of a station, unique within the station's org. */
export const externalIdSchema = safeText({ label: '外部编号', max: 64 });

/**
 * The most levels a station's org path may have: province, city, county, town (orgLevelSchema).
 * Org paths allow a fifth for unions below a town, but no station belongs to one: the problem
 * queue indexes one level per GSI (gsi1–gsi4), so a station deeper would have a queue nobody reads.
 */
export const STATION_ORG_MAX_LEVELS = 4;

/** The org a station belongs to: a union node down to a town's (乡镇/街道), never below. */
export const stationOrgPathSchema = orgPathSchema.refine(
  (path) => path.split('/').length <= STATION_ORG_MAX_LEVELS,
  '驿站只能归属到乡镇（街道）及以上的工会组织',
);

/**
 * What staff write about a station: the one schema behind create, edit and import, so none of
 * them accepts what another refuses. Every rule is on its field (no object-level refinement), so
 * the record schema below extends it and the importer can check one column with its field's schema.
 */
export const stationDraftSchema = z.object({
  /** The source system's id, unique within the station's org, so a re-import updates instead of duplicating. */
  externalId: externalIdSchema.optional(),
  name: safeText({ label: '名称', min: 2, max: 60 }),
  address: safeText({ label: '地址', min: 2, max: 120 }),
  /** 区县 or 街道 name shown to workers, e.g. 张家港市 杨舍镇. */
  district: safeText({ label: '区县', min: 2, max: 40 }),
  orgPath: stationOrgPathSchema,
  location: stationLocationSchema,
  hostType: hostTypeSchema,
  amenities: z.array(amenitySchema).max(12).default([]),
  hours: openingHoursSchema,
  phone: phoneSchema.optional(),
  /** Years it was rated 最美驿站. */
  bestYears: z.array(z.number().int().min(2015).max(2100)).max(20).default([]),
});
export type StationDraft = z.infer<typeof stationDraftSchema>;
export type StationDraftInput = z.input<typeof stationDraftSchema>;

export const stationSchema = stationDraftSchema.extend({
  id: stationIdSchema,
  status: stationStatusSchema,
  /** Division codes of its place, derived by the server on every write; absent on items written before. */
  place: stationPlaceSchema.optional(),
  /** Its gallery's photo ids in the order shown (see stationGallerySchema) and that list's version. */
  photos: z.array(z.string()).default([]),
  photosVersion: z.number().int().min(0).default(0),
  lastVerifiedAt: z.string().nullable(),
  lastVerifiedBy: z.string().nullable(),
  rating: ratingSummarySchema,
  openReports: z.number().int().min(0).default(0),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Station = z.infer<typeof stationSchema>;
