import { z } from 'zod';
import { orgPathSchema } from '../schemas/org';
import { stationIdSchema } from '../schemas/station';
import { commentIdSchema, heldCommentSchema, publicCommentSchema } from '../schemas/stationComment';
import { staffOnly, versionField } from './access';
import { openToAll, staffOverRecord } from './authz';
import { signupCodeImageTypes } from './campaigns';
import { defineContract } from './define';
import { cursorSchema } from './query';

/** How many recent comments the station page shows: one read, no paging. */
export const RECENT_COMMENTS_LIMIT = 10;

export const listStationComments = defineContract({
  name: 'listStationComments',
  summary: '驿站的最近评论（只含已通过内容安全检查或工作人员审核通过的评论）',
  method: 'GET',
  path: '/stations/{id}/comments',
  access: 'public',
  authz: openToAll,
  params: z.object({ id: stationIdSchema }),
  output: z.object({ comments: z.array(publicCommentSchema) }),
  errors: [],
});

export const listHeldComments = defineContract({
  name: 'listHeldComments',
  summary: '待审核的驿站评论（内容安全检查未能完成或需人工复核）',
  method: 'GET',
  path: '/staff/comments',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'org' },
  query: z.object({ org: orgPathSchema.optional(), cursor: cursorSchema }),
  output: z.object({ comments: z.array(heldCommentSchema), nextCursor: z.string().optional() }),
  errors: ['OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const reviewComment = defineContract({
  name: 'reviewComment',
  summary: '审核驿站评论：公开或隐藏',
  method: 'POST',
  path: '/staff/comments/{id}/review',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: commentIdSchema }),
  body: z.object({ ...versionField, decision: z.enum(['approve', 'hide']) }),
  output: z.object({ id: commentIdSchema, state: z.enum(['public', 'hidden']), version: z.number().int() }),
  errors: ['COMMENT_NOT_FOUND', 'OUT_OF_SCOPE', 'INVALID_TRANSITION', 'VERSION_CONFLICT'],
});

export const getStationCode = defineContract({
  name: 'getStationCode',
  summary: '驿站的小程序码（打印张贴，扫码即打开该驿站，评价或反映问题）',
  method: 'GET',
  path: '/staff/stations/{id}/code',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: stationIdSchema }),
  output: z.object({
    /** The code image, base64 (a 430 px code is some tens of KB). */
    image: z.string(),
    mimeType: z.enum(signupCodeImageTypes),
    /** The page the code opens and the scene it carries (the station id). */
    page: z.string(),
    scene: z.string(),
    stationName: z.string(),
  }),
  errors: ['STATION_NOT_FOUND', 'OUT_OF_SCOPE', 'WECHAT_UNAVAILABLE'],
});
