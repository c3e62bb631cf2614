import { z } from 'zod';
import { orgPathSchema } from '../schemas/org';
import { myReportSchema, problemIdSchema, queuedProblemSchema } from '../schemas/stationProblem';
import { reportKindSchema, reportStateSchema } from '../schemas/stationViews';
import { staffOnly, versionField } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema } from './query';

export const listStationProblems = defineContract({
  name: 'listStationProblems',
  summary: '驿站问题处理队列：同一驿站同类问题合并，最新反映在前，可按状态和问题类型筛选',
  method: 'GET',
  path: '/staff/problems',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'org' },
  query: z.object({
    org: orgPathSchema.optional(),
    state: reportStateSchema.default('new'),
    kind: reportKindSchema.optional(),
    cursor: cursorSchema,
  }),
  output: z.object({ problems: z.array(queuedProblemSchema), nextCursor: z.string().optional() }),
  errors: ['OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const updateStationProblem = defineContract({
  name: 'updateStationProblem',
  summary: '受理或解决驿站问题（同一问题的所有反映人都能看到处理结果）',
  method: 'POST',
  path: '/staff/problems/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: problemIdSchema }),
  body: z.object({
    ...versionField,
    state: z.enum(['acknowledged', 'resolved']),
    note: z.string().trim().max(200, '处理说明最多 200 字').optional(),
  }),
  output: queuedProblemSchema,
  errors: ['REPORT_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

export const listMyReports = defineContract({
  name: 'listMyReports',
  summary: '我的反馈：本人反映过的驿站问题及工会的处理情况',
  method: 'GET',
  path: '/me/reports',
  access: ['worker'],
  authz: anySignedIn,
  query: z.object({ cursor: cursorSchema }),
  output: z.object({ reports: z.array(myReportSchema), nextCursor: z.string().optional() }),
  errors: ['BAD_CURSOR'],
});
