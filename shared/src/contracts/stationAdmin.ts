import { z } from 'zod';
import { orgPathSchema } from '../schemas/org';
import {
  stationDraftSchema,
  stationIdSchema,
  stationOrgPathSchema,
  stationStatusSchema,
} from '../schemas/station';
import { importResultSchema, managedStationSchema } from '../schemas/stationViews';
import { staffOnly, versionField } from './access';
import { staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema, queryFlag } from './query';

const stationParams = z.object({ id: stationIdSchema });

/** Largest import accepted in one request (the decoded file). */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
/** An import's body: the file in base64 (4 bytes for 3) and a little JSON around it. */
export const IMPORT_MAX_BODY_BYTES = Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4 * 1024;
/** A station's body: a year of dated exceptions to its hours (366, each with periods and a note). */
const STATION_MAX_BODY_BYTES = 256 * 1024;

export const listManagedStations = defineContract({
  name: 'listManagedStations',
  summary: '本级及下级组织的驿站（可筛选久未核实、有待处理问题）',
  method: 'GET',
  path: '/staff/stations',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'org' },
  query: z.object({
    org: orgPathSchema.optional(),
    /** Only stations not verified for this many days (e.g. 90). */
    unverifiedDays: z.coerce.number().int().min(1).max(3650).optional(),
    hasOpenReports: queryFlag,
    q: z.string().trim().max(30).optional(),
    cursor: cursorSchema,
  }),
  output: z.object({ stations: z.array(managedStationSchema), nextCursor: z.string().optional() }),
  errors: ['OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const getManagedStation = defineContract({
  name: 'getManagedStation',
  summary: '驿站完整资料（编辑用）',
  method: 'GET',
  path: '/staff/stations/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  params: stationParams,
  output: managedStationSchema,
  errors: ['STATION_NOT_FOUND', 'OUT_OF_SCOPE'],
});

export const createStation = defineContract({
  name: 'createStation',
  summary: '新建驿站',
  method: 'POST',
  path: '/staff/stations',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  body: stationDraftSchema,
  maxBodyBytes: STATION_MAX_BODY_BYTES,
  output: managedStationSchema,
  successStatus: 201,
  errors: ['OUT_OF_SCOPE', 'ORG_NOT_FOUND', 'DUPLICATE_EXTERNAL_ID'],
});

export const updateStation = defineContract({
  name: 'updateStation',
  summary: '修改驿站资料（版本号不符时 409）',
  method: 'PUT',
  path: '/staff/stations/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  params: stationParams,
  body: stationDraftSchema.extend(versionField),
  maxBodyBytes: STATION_MAX_BODY_BYTES,
  output: managedStationSchema,
  errors: [
    'STATION_NOT_FOUND',
    'OUT_OF_SCOPE',
    'ORG_NOT_FOUND',
    'VERSION_CONFLICT',
    'DUPLICATE_EXTERNAL_ID',
    'TOO_MANY_OPEN_REPORTS',
  ],
});

export const setStationStatus = defineContract({
  name: 'setStationStatus',
  summary: '暂停开放（原因、预计恢复时间）、恢复开放或关闭驿站',
  method: 'POST',
  path: '/staff/stations/{id}/status',
  access: staffOnly,
  authz: staffOverRecord,
  params: stationParams,
  body: z.object({
    ...versionField,
    // A reopen time already past or over a year ahead is a 400 (VALIDATION_FAILED at
    // body.status.until) too: the service checks it against the app clock (reopenTimeProblem).
    status: stationStatusSchema,
  }),
  output: managedStationSchema,
  errors: ['STATION_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT'],
});

export const verifyStation = defineContract({
  name: 'verifyStation',
  summary: '核实驿站信息（记为今天已核实）',
  method: 'POST',
  path: '/staff/stations/{id}/verify',
  access: staffOnly,
  authz: staffOverRecord,
  params: stationParams,
  output: managedStationSchema,
  errors: ['STATION_NOT_FOUND', 'OUT_OF_SCOPE'],
});

export const importStations = defineContract({
  name: 'importStations',
  summary: '从 CSV 或 XLSX 批量导入驿站（可先试运行）',
  method: 'POST',
  path: '/staff/stations/import',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  body: z.object({
    /** Every row must lie in this org's subtree; it holds stations, so it is at most a town's. */
    orgPath: stationOrgPathSchema,
    format: z.enum(['csv', 'xlsx']),
    fileName: z.string().max(120).optional(),
    /** The file, base64-encoded. */
    content: z
      .string()
      .min(1, '文件为空')
      .max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4, '文件过大（最大 4 MB）'),
    dryRun: z.boolean().default(true),
  }),
  maxBodyBytes: IMPORT_MAX_BODY_BYTES,
  output: importResultSchema,
  errors: ['OUT_OF_SCOPE', 'IMPORT_FILE_INVALID'],
});
