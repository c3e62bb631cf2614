import { z } from 'zod';
import { openingHoursSchema } from './hours';
import { orgPathSchema } from './org';

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

export const stationStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('open') }),
  z.object({
    state: z.literal('temporarilyClosed'),
    reason: z.string().trim().min(1, '请填写暂停原因').max(60),
    /** When it reopens (ISO time); open-ended when absent. */
    until: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ state: z.literal('closed'), reason: z.string().trim().max(60).optional() }),
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

/** What staff write about a station (create, edit, import). */
export const stationDraftSchema = z.object({
  /** The source system's id, so a re-import updates instead of duplicating. */
  externalId: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(60, '名称最多 60 个字'),
  address: z.string().trim().min(2, '请填写地址').max(120, '地址最多 120 个字'),
  /** 区县 or 街道 name shown to workers, e.g. 张家港市 杨舍镇. */
  district: z.string().trim().min(2).max(40),
  orgPath: orgPathSchema,
  location: gcjPointSchema,
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
  photos: z.array(z.string()).default([]),
  lastVerifiedAt: z.string().nullable(),
  lastVerifiedBy: z.string().nullable(),
  rating: ratingSummarySchema,
  openReports: z.number().int().min(0).default(0),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Station = z.infer<typeof stationSchema>;
