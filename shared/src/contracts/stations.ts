import { z } from 'zod';
import { normalizeSearchText } from '../domain/searchWords';
import { SERVICE_AREA, SERVICE_AREA_MESSAGE } from '../domain/serviceArea';
import { orgPathSchema } from '../schemas/org';
import { MAX_REPORT_PHOTOS, photoIdListSchema } from '../schemas/photo';
import { placeCodeSchema, placeSchema } from '../schemas/place';
import { amenitySchema, hostTypeSchema, stationIdSchema } from '../schemas/station';
import { problemIdSchema } from '../schemas/stationProblem';
import {
  feedbackSchema,
  feedbackTagSchema,
  nearbyStationSchema,
  reportIdSchema,
  reportKindSchema,
  reportStateSchema,
  searchedStationSchema,
  stationDetailSchema,
} from '../schemas/stationViews';
import { requestIdSchema } from '../schemas/writes';
import { anySignedIn, openToAll } from './authz';
import { defineContract } from './define';
import { cursorSchema, queryFlag, queryList, queryNumber } from './query';

export const NEARBY_DEFAULT_RADIUS_M = 3000;
export const NEARBY_MAX_RADIUS_M = 20_000;
export const NEARBY_DEFAULT_LIMIT = 20;
export const NEARBY_MAX_LIMIT = 50;

const stationParams = z.object({ id: stationIdSchema });

export const nearbyStations = defineContract({
  name: 'nearbyStations',
  summary: '附近驿站：按距离排序，可筛选设施、营业中、驿站类型',
  method: 'GET',
  path: '/stations/nearby',
  access: 'public',
  authz: openToAll,
  query: z.object({
    // The service area is a box, so bounding each coordinate is exactly `inServiceArea`; a point
    // outside it is refused here, before any search (whose cost grows towards the poles).
    lat: queryNumber().pipe(
      z
        .number({ error: '请提供纬度（GCJ-02）' })
        .min(SERVICE_AREA.minLat, SERVICE_AREA_MESSAGE)
        .max(SERVICE_AREA.maxLat, SERVICE_AREA_MESSAGE),
    ),
    lng: queryNumber().pipe(
      z
        .number({ error: '请提供经度（GCJ-02）' })
        .min(SERVICE_AREA.minLng, SERVICE_AREA_MESSAGE)
        .max(SERVICE_AREA.maxLng, SERVICE_AREA_MESSAGE),
    ),
    radius: z.coerce.number().min(1).max(NEARBY_MAX_RADIUS_M).default(NEARBY_DEFAULT_RADIUS_M),
    limit: z.coerce.number().int().min(1).max(NEARBY_MAX_LIMIT).default(NEARBY_DEFAULT_LIMIT),
    amenities: queryList(amenitySchema),
    openNow: queryFlag,
    hostType: hostTypeSchema.optional(),
  }),
  output: z.object({ stations: z.array(nearbyStationSchema), at: z.string() }),
  errors: [],
});

export const getStation = defineContract({
  name: 'getStation',
  summary: '驿站详情',
  method: 'GET',
  path: '/stations/{id}',
  access: 'public',
  authz: openToAll,
  params: stationParams,
  output: stationDetailSchema,
  errors: ['STATION_NOT_FOUND'],
});

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 50;
export const SEARCH_MAX_Q = 30;
/**
 * Characters of the words once normalised (what the server matches every entry read against), at
 * most: NFKC widens some single characters (㍿ → 株式会社, ﷺ → 18 letters), so 30 as typed alone
 * would not bound them.
 */
export const SEARCH_MAX_WORDS = 60;

/** A coordinate of the caller's point for a search: optional, inside the service area. */
const searchCoordinate = (axis: 'lat' | 'lng') =>
  queryNumber().pipe(
    z
      .number({ error: axis === 'lat' ? '纬度应为数字' : '经度应为数字' })
      .min(axis === 'lat' ? SERVICE_AREA.minLat : SERVICE_AREA.minLng, SERVICE_AREA_MESSAGE)
      .max(axis === 'lat' ? SERVICE_AREA.maxLat : SERVICE_AREA.maxLng, SERVICE_AREA_MESSAGE)
      .optional(),
  );

export const searchStations = defineContract({
  name: 'searchStations',
  summary: '按地名、路名、驿站名称搜索驿站，或浏览一个地区的驿站（全国范围，可不提供位置）',
  method: 'GET',
  path: '/stations',
  access: 'public',
  authz: openToAll,
  query: z
    .object({
      /** Words of a name, an address or a place (杨舍, 人民中路, 加油站); blank counts as absent. */
      q: z.preprocess(
        (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
        z
          .string()
          .trim()
          .min(1)
          .max(SEARCH_MAX_Q, `搜索内容最多 ${SEARCH_MAX_Q} 个字`)
          // Words already too long as typed have their issue: neither a second nor their normalising.
          .refine(
            (q) => q.length > SEARCH_MAX_Q || Array.from(normalizeSearchText(q)).length <= SEARCH_MAX_WORDS,
            '搜索内容过长，请减少字数',
          )
          .optional(),
      ),
      /** Only stations within this place (division code of a province, city, county or town). */
      place: placeCodeSchema.optional(),
      /** The caller's last known point (GCJ-02): results are ranked by distance to it. */
      lat: searchCoordinate('lat'),
      lng: searchCoordinate('lng'),
      openNow: queryFlag,
      amenities: queryList(amenitySchema),
      hostType: hostTypeSchema.optional(),
      limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_DEFAULT_LIMIT),
      cursor: cursorSchema,
    })
    .superRefine((query, ctx) => {
      if (query.q === undefined && query.place === undefined) {
        ctx.addIssue({ code: 'custom', path: ['q'], message: '请输入搜索内容或选择地区' });
      }
      if ((query.lat === undefined) !== (query.lng === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [query.lat === undefined ? 'lat' : 'lng'],
          message: '经纬度须同时提供',
        });
      }
    }),
  output: z.object({
    stations: z.array(searchedStationSchema),
    nextCursor: z.string().optional(),
    at: z.string(),
    /** The place searched within, named for the heading. */
    place: placeSchema.pick({ code: true, name: true, fullName: true }).optional(),
    /**
     * True when every station matching the words and place was ranked. False when the matches were
     * too many to read in one search: the answer ranks the nearest part read (the caller's city,
     * then county, when a point is given), so the client says the results are cut short
     * and asks for a more specific place or words.
     */
    complete: z.boolean(),
  }),
  errors: ['PLACE_NOT_FOUND', 'BAD_CURSOR', 'SEARCH_RATE_LIMITED'],
});

export const listDistricts = defineContract({
  name: 'listDistricts',
  summary: '可选择的地区（工会组织所在区县、镇街）',
  method: 'GET',
  path: '/districts',
  access: 'public',
  authz: openToAll,
  output: z.object({
    districts: z.array(
      z.object({
        path: orgPathSchema,
        name: z.string(),
        region: z.string(),
        parentPath: orgPathSchema.nullable(),
      }),
    ),
  }),
  errors: [],
});

export const rateStation = defineContract({
  name: 'rateStation',
  summary: '评价驿站（每人每站每天一次，重复提交不重复计数）',
  method: 'POST',
  path: '/stations/{id}/feedback',
  access: ['worker'],
  authz: anySignedIn,
  params: stationParams,
  body: z.object({
    stars: z.number().int().min(1, '请选择 1–5 星').max(5, '请选择 1–5 星'),
    tags: z.array(feedbackTagSchema).max(8).default([]),
    comment: z.string().trim().max(200, '评价最多 200 字').default(''),
  }),
  output: z.object({
    feedback: feedbackSchema,
    rating: z.object({ average: z.number(), count: z.number() }),
    /**
     * Where the comment stands: `public` (shown on the station page), `held` (WeChat's content
     * check could not decide: only the author and staff see it until staff review it), `hidden`
     * (staff hid it), `none`.
     */
    commentState: z.enum(['none', 'public', 'held', 'hidden']),
  }),
  errors: ['STATION_NOT_FOUND', 'RATE_LIMITED', 'VERSION_CONFLICT', 'CONTENT_RISKY'],
});

export const reportStationProblem = defineContract({
  name: 'reportStationProblem',
  summary: '反映驿站问题（进入工会干部处理队列）',
  method: 'POST',
  path: '/stations/{id}/reports',
  access: ['worker'],
  authz: anySignedIn,
  params: stationParams,
  body: z.object({
    kind: reportKindSchema,
    text: z.string().trim().max(200, '描述最多 200 字').default(''),
    /**
     * Client-generated id for this report, so a retried submission is stored once; its photos
     * were uploaded under it (photo owner `report`) before it is sent.
     */
    requestId: requestIdSchema,
    photoIds: photoIdListSchema(MAX_REPORT_PHOTOS).default([]),
  }),
  output: z.object({
    report: z.object({
      id: reportIdSchema,
      /** The problem it joined or opened: the same kind at the same station while open. */
      problemId: problemIdSchema,
      /** The problem's state: a report joining an acknowledged problem is acknowledged at once. */
      state: reportStateSchema,
      kind: reportKindSchema,
      createdAt: z.string(),
    }),
  }),
  successStatus: 201,
  errors: [
    'STATION_NOT_FOUND',
    'RATE_LIMITED',
    'VERSION_CONFLICT',
    'PHOTO_NOT_FOUND',
    'PHOTO_NOT_UPLOADED',
    'TOO_MANY_PHOTOS',
  ],
});
