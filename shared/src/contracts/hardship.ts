import { z } from 'zod';
import {
  hardshipCategorySchema,
  hardshipFileIdSchema,
  hardshipStatusSchema,
  householdCreateSchema,
  householdEditSchema,
} from '../schemas/hardship';
import { visitCreatedSchema } from '../schemas/hardshipAlert';
import {
  hardshipAuditEventSchema,
  householdFileSchema,
  householdSummarySchema,
  povertyLineDraftSchema,
  povertyLineSchema,
  revealedHouseholdSchema,
} from '../schemas/hardshipViews';
import { visitCreateSchema, visitSchema } from '../schemas/hardshipVisit';
import { orgPathSchema } from '../schemas/org';
import { userIdSchema } from '../schemas/user';
import { staffOnly } from './access';
import { staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema, queryFlag } from './query';

const fileParams = z.object({ id: hardshipFileIdSchema });

export const createHardshipFile = defineContract({
  name: 'createHardshipFile',
  summary: '为困难职工家庭建档（须记录同意情况；编号由手机生成，重试返回第一次的结果）',
  method: 'POST',
  path: '/staff/hardship/files',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  body: householdCreateSchema,
  output: householdFileSchema,
  successStatus: 201,
  errors: ['ORG_NOT_FOUND', 'CASEWORKER_INVALID', 'HARDSHIP_FILE_EXISTS', 'REQUEST_ID_REUSED'],
});

export const updateHardshipFile = defineContract({
  name: 'updateHardshipFile',
  summary: '修改困难职工档案（身份证号码不可修改；版本过期则拒绝）',
  method: 'PUT',
  path: '/staff/hardship/files/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  params: fileParams,
  body: householdEditSchema,
  output: householdFileSchema,
  errors: ['HARDSHIP_FILE_NOT_FOUND', 'ORG_NOT_FOUND', 'CASEWORKER_INVALID', 'VERSION_CONFLICT'],
});

export const getHardshipFile = defineContract({
  name: 'getHardshipFile',
  summary: '困难职工档案详情（身份证号码和电话已脱敏）',
  method: 'GET',
  path: '/staff/hardship/files/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  params: fileParams,
  output: householdFileSchema,
  errors: ['HARDSHIP_FILE_NOT_FOUND', 'OUT_OF_SCOPE'],
});

export const listHardshipFiles = defineContract({
  name: 'listHardshipFiles',
  summary: '本级及下级的困难职工档案（最新建档的在前，每页 20 条），可按类别、状态、责任人、走访逾期筛选',
  method: 'GET',
  path: '/staff/hardship/files',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  query: z.object({
    /** Defaults to the caller's node. */
    orgPath: orgPathSchema.optional(),
    category: hardshipCategorySchema.optional(),
    status: hardshipStatusSchema.optional(),
    /** `me` or a user id. */
    caseworker: z.union([z.literal('me'), userIdSchema]).optional(),
    overdue: queryFlag,
    cursor: cursorSchema,
  }),
  output: z.object({ files: z.array(householdSummarySchema), nextCursor: z.string().nullable() }),
  errors: ['BAD_CURSOR'],
});

export const revealHardshipFile = defineContract({
  name: 'revealHardshipFile',
  summary: '查看档案的完整身份证号码、电话和住址（须填写原因，留审计记录）',
  method: 'POST',
  path: '/staff/hardship/files/{id}/reveal',
  access: staffOnly,
  authz: staffOverRecord,
  params: fileParams,
  /** The reason's rules are checked by the service, so a missing one answers REVEAL_REASON_REQUIRED. */
  body: z.object({ reason: z.string().max(1000).optional() }),
  output: revealedHouseholdSchema,
  errors: ['HARDSHIP_FILE_NOT_FOUND', 'OUT_OF_SCOPE', 'REVEAL_REASON_REQUIRED', 'RATE_LIMITED'],
});

export const listHardshipAudit = defineContract({
  name: 'listHardshipAudit',
  summary: '档案的访问和修改记录（仅上级工会可查看；最新的在前，每页 50 条）',
  method: 'GET',
  path: '/staff/hardship/files/{id}/audit',
  access: staffOnly,
  // The trail watches the file's own union, so 张家港 does not read its own (supervisors above do).
  authz: { ...staffOverRecord, staffInScope: 'FORBIDDEN' },
  params: fileParams,
  query: z.object({ cursor: cursorSchema }),
  output: z.object({ events: z.array(hardshipAuditEventSchema), nextCursor: z.string().nullable() }),
  errors: ['HARDSHIP_FILE_NOT_FOUND', 'OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const listPovertyLines = defineContract({
  name: 'listPovertyLines',
  summary: '本级及各上级设置的低保标准（各级最新的在前）',
  method: 'GET',
  path: '/staff/hardship/poverty-lines',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  query: z.object({ orgPath: orgPathSchema.optional() }),
  output: z.object({ lines: z.array(povertyLineSchema) }),
  errors: ['ORG_NOT_FOUND'],
});

export const setPovertyLine = defineContract({
  name: 'setPovertyLine',
  summary: '设置本级某日起执行的低保标准（同一日期再设则覆盖，留审计记录）',
  method: 'PUT',
  path: '/staff/hardship/poverty-lines',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  body: povertyLineDraftSchema,
  output: povertyLineSchema,
  errors: ['ORG_NOT_FOUND', 'VERSION_CONFLICT'],
});

export const createHardshipVisit = defineContract({
  name: 'createHardshipVisit',
  summary: '录入一次走访（人均收入由服务器计算；更正即新增一条引用原记录的走访）',
  method: 'POST',
  path: '/staff/hardship/files/{id}/visits',
  access: staffOnly,
  authz: staffOverRecord,
  params: fileParams,
  body: visitCreateSchema,
  output: visitCreatedSchema,
  successStatus: 201,
  errors: ['HARDSHIP_FILE_NOT_FOUND', 'OUT_OF_SCOPE', 'VISIT_NOT_FOUND', 'REQUEST_ID_REUSED'],
});

export const listHardshipVisits = defineContract({
  name: 'listHardshipVisits',
  summary: '档案的走访记录（走访日期最新的在前，每页 20 条）',
  method: 'GET',
  path: '/staff/hardship/files/{id}/visits',
  access: staffOnly,
  authz: staffOverRecord,
  params: fileParams,
  query: z.object({ cursor: cursorSchema }),
  output: z.object({ visits: z.array(visitSchema), nextCursor: z.string().nullable() }),
  errors: ['HARDSHIP_FILE_NOT_FOUND', 'OUT_OF_SCOPE', 'BAD_CURSOR'],
});
