import { z } from 'zod';
import { labelEnum } from './labels';
import { photoViewSchema } from './photo';
import { stationPlaceSchema } from './place';
import {
  amenitySchema,
  gcjPointSchema,
  hostTypeSchema,
  stationIdSchema,
  stationSchema,
  stationStatusSchema,
} from './station';

/** A row of the worker's list: what they decide on at a glance. */
export const stationSummarySchema = z.object({
  id: stationIdSchema,
  name: z.string(),
  address: z.string(),
  district: z.string(),
  /** Division codes of its place (province, city, county, town when known). */
  place: stationPlaceSchema.optional(),
  location: gcjPointSchema,
  hostType: hostTypeSchema,
  amenities: z.array(amenitySchema),
  phone: z.string().optional(),
  status: stationStatusSchema,
  bestYears: z.array(z.number()),
  rating: z.object({ average: z.number(), count: z.number() }),
  /** Whether it is open at the time of the answer, and when that changes (ISO). */
  open: z.boolean(),
  changesAt: z.string().optional(),
  /** 营业至 22:00 / 明天 08:00 开门 / 24小时 … */
  hoursLabel: z.string(),
});
export type StationSummary = z.infer<typeof stationSummarySchema>;

export const nearbyStationSchema = stationSummarySchema.extend({ distanceM: z.number().int().min(0) });
export type NearbyStation = z.infer<typeof nearbyStationSchema>;

/** Why a station answered a search: its name, its address, or its place holds the words. */
export const searchMatchSchema = z.enum(['name', 'address', 'place']);
export type SearchMatch = z.infer<typeof searchMatchSchema>;

/** A search answer's row: the summary, what matched, and the distance when a point was given. */
export const searchedStationSchema = stationSummarySchema.extend({
  distanceM: z.number().int().min(0).optional(),
  match: searchMatchSchema,
});
export type SearchedStation = z.infer<typeof searchedStationSchema>;

/** The detail page: everything a worker may see, hours included (the client renders the week). */
export const stationDetailSchema = stationSchema
  .omit({
    externalId: true,
    orgPath: true,
    lastVerifiedBy: true,
    openReports: true,
    createdAt: true,
    photosVersion: true,
  })
  .extend({
    open: z.boolean(),
    changesAt: z.string().optional(),
    hoursLabel: z.string(),
    /** The gallery as time-limited links, in the order staff set. */
    photos: z.array(photoViewSchema),
  });
export type StationDetail = z.infer<typeof stationDetailSchema>;

/** What staff see when managing: the full record plus the computed state. */
export const managedStationSchema = stationSchema.extend({
  open: z.boolean(),
  hoursLabel: z.string(),
});
export type ManagedStation = z.infer<typeof managedStationSchema>;

export const feedbackTagLabels = {
  clean: '干净整洁',
  cool: '凉爽舒适',
  waterOk: '饮水方便',
  friendly: '工作人员热情',
  easyToFind: '位置好找',
  crowded: '人多拥挤',
  hardToFind: '不好找',
  facilitiesBroken: '设施损坏',
} as const;
export type FeedbackTag = keyof typeof feedbackTagLabels;
export const feedbackTagSchema = labelEnum(feedbackTagLabels);

export const feedbackSchema = z.object({
  stationId: stationIdSchema,
  date: z.string(),
  stars: z.number().int().min(1).max(5),
  tags: z.array(feedbackTagSchema),
  comment: z.string(),
  createdAt: z.string(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const reportKindLabels = {
  closedWhenOpen: '应开放但关门',
  noWater: '没有饮用水',
  brokenAircon: '空调坏了',
  dirty: '卫生脏乱',
  unsafe: '存在安全隐患',
  other: '其他问题',
} as const;
export type ReportKind = keyof typeof reportKindLabels;
export const reportKindSchema = labelEnum(reportKindLabels);

export const reportStateLabels = { new: '待处理', acknowledged: '已受理', resolved: '已解决' } as const;
export type ReportState = keyof typeof reportStateLabels;
export const reportStateSchema = z.enum(['new', 'acknowledged', 'resolved']);

export const reportIdSchema = z.string().regex(/^rp_[0-9a-z]{8,40}$/, '问题编号格式不正确');

/** One problem found in an import file: where, and why in Chinese. */
export const importIssueSchema = z.object({
  row: z.number().int().min(1),
  column: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  issues: z.array(importIssueSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;
