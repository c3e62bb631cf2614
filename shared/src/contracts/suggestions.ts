import { z } from 'zod';
import { orgPathSchema } from '../schemas/org';
import { MAX_SUGGESTION_PHOTOS, photoIdListSchema } from '../schemas/photo';
import {
  suggestionDraftSchema,
  suggestionIdSchema,
  suggestionSchema,
  suggestionStateSchema,
} from '../schemas/suggestion';
import { safeText } from '../schemas/text';
import { requestIdSchema } from '../schemas/writes';
import { signedIn, staffOnly, versionField } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema } from './query';

/** A station this close to a suggested point is probably the same place: the worker is asked first. */
export const SUGGESTION_NEAR_M = 80;
/** How far from the point the nearest station may be for its union to review the suggestion. */
export const SUGGESTION_AREA_RADIUS_M = 20_000;
/** Suggestions one person may send per Shanghai day. */
export const SUGGESTION_DAILY_CAP = 5;

export const createSuggestion = defineContract({
  name: 'createSuggestion',
  summary: '建议新增驿站（由所在地工会审核；附近已有驿站时先提醒）',
  method: 'POST',
  path: '/suggestions',
  access: signedIn,
  authz: anySignedIn,
  body: suggestionDraftSchema.extend({
    /**
     * Client-made id: a retry returns the suggestion sent the first time. Its photos were uploaded
     * under it (photo owner `suggestion`) before it is sent.
     */
    requestId: requestIdSchema,
    photoIds: photoIdListSchema(MAX_SUGGESTION_PHOTOS).default([]),
    /** The worker saw the STATION_NEARBY warning and sends it anyway. */
    confirmNearby: z.boolean().default(false),
  }),
  output: z.object({ suggestion: suggestionSchema }),
  successStatus: 201,
  errors: [
    'STATION_NEARBY',
    'SUGGESTION_NO_AREA',
    'RATE_LIMITED',
    'REQUEST_ID_REUSED',
    'VERSION_CONFLICT',
    'PHOTO_NOT_FOUND',
    'PHOTO_NOT_UPLOADED',
    'TOO_MANY_PHOTOS',
  ],
});

export const listMySuggestions = defineContract({
  name: 'listMySuggestions',
  summary: '我的建议：我提交的新增驿站建议及审核结果（最新的在前）',
  method: 'GET',
  path: '/me/suggestions',
  access: signedIn,
  authz: anySignedIn,
  query: z.object({ cursor: cursorSchema }),
  output: z.object({ suggestions: z.array(suggestionSchema), nextCursor: z.string().optional() }),
  errors: ['BAD_CURSOR'],
});

export const listSuggestions = defineContract({
  name: 'listSuggestions',
  summary: '新增驿站建议审核队列（本级及下级组织，最新的在前）',
  method: 'GET',
  path: '/staff/suggestions',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'org' },
  query: z.object({
    org: orgPathSchema.optional(),
    state: suggestionStateSchema.default('pending'),
    cursor: cursorSchema,
  }),
  output: z.object({ suggestions: z.array(suggestionSchema), nextCursor: z.string().optional() }),
  errors: ['OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const reviewSuggestion = defineContract({
  name: 'reviewSuggestion',
  summary: '采纳建议（生成待完善的驿站草稿）或说明理由不予采纳',
  method: 'POST',
  path: '/staff/suggestions/{id}/review',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: suggestionIdSchema }),
  body: z.discriminatedUnion('decision', [
    z.object({ ...versionField, decision: z.literal('approve') }),
    z.object({
      ...versionField,
      decision: z.literal('decline'),
      reason: safeText({ label: '不予采纳的理由', min: 2, max: 100 }),
    }),
  ]),
  output: z.object({ suggestion: suggestionSchema }),
  errors: ['SUGGESTION_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION', 'ORG_NOT_FOUND'],
});
