import { z } from 'zod';
import {
  alertAssignSchema,
  alertCommentSchema,
  alertCountsSchema,
  alertResolveSchema,
  alertTransitionSchema,
  hardshipAlertIdSchema,
  hardshipAlertSchema,
  hardshipAlertStatusSchema,
  hardshipAlertSummarySchema,
} from '../schemas/hardshipAlert';
import { hardshipAlertSeveritySchema, hardshipRuleSchema } from '../schemas/hardshipPolicy';
import { orgPathSchema } from '../schemas/org';
import { staffOnly } from './access';
import { anyStaff, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema, queryFlag } from './query';

/**
 * Alerts raised by the monitoring rules. Every route is staff-only and scoped by the household
 * file's org (staff of a parent node see and act on escalated alerts through their own scope).
 */

const alertParams = z.object({ id: hardshipAlertIdSchema });
const alertPage = z.object({
  alerts: z.array(hardshipAlertSummarySchema),
  nextCursor: z.string().nullable(),
});

export const listHardshipAlerts = defineContract({
  name: 'listHardshipAlerts',
  summary:
    '预警处理队列：本级及下级的预警（按状态，到期早的在前，每页 20 条），可按级别、规则、下级组织、逾期筛选',
  method: 'GET',
  path: '/staff/hardship/alerts',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  query: z.object({
    /** Defaults to the caller's node. */
    orgPath: orgPathSchema.optional(),
    status: hardshipAlertStatusSchema.default('open'),
    severity: hardshipAlertSeveritySchema.optional(),
    rule: hardshipRuleSchema.optional(),
    /** An org strictly inside `orgPath`. */
    childOrg: orgPathSchema.optional(),
    overdue: queryFlag,
    cursor: cursorSchema,
  }),
  /** Counts come with the first page only (no cursor): later pages keep the first page's. */
  output: alertPage.extend({ counts: alertCountsSchema.optional() }),
  errors: ['BAD_CURSOR', 'OUT_OF_SCOPE'],
});

export const listMyHardshipAlerts = defineContract({
  name: 'listMyHardshipAlerts',
  summary: '我的预警：分派给我、尚未办结的预警（到期早的在前）',
  method: 'GET',
  path: '/staff/hardship/alerts/mine',
  access: staffOnly,
  // The caller's own assignments: every staff member has a list, whatever their org.
  authz: anyStaff,
  query: z.object({ cursor: cursorSchema }),
  output: alertPage,
  errors: ['BAD_CURSOR'],
});

export const listEscalatedHardshipAlerts = defineContract({
  name: 'listEscalatedHardshipAlerts',
  summary: '上级督办：下级逾期未处理、上报到本级的预警（最新上报的在前）',
  method: 'GET',
  path: '/staff/hardship/alerts/escalated',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  query: z.object({ orgPath: orgPathSchema.optional(), cursor: cursorSchema }),
  output: alertPage,
  errors: ['BAD_CURSOR'],
});

export const getHardshipAlert = defineContract({
  name: 'getHardshipAlert',
  summary: '预警详情：依据、脱敏的家庭概况、上报记录、处理记录和评论',
  method: 'GET',
  path: '/staff/hardship/alerts/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  output: hardshipAlertSchema,
  errors: ['ALERT_NOT_FOUND', 'OUT_OF_SCOPE', 'ALERT_FILE_MISSING'],
});

const transitionErrors = [
  'ALERT_NOT_FOUND',
  'OUT_OF_SCOPE',
  'ALERT_TRANSITION_INVALID',
  'VERSION_CONFLICT',
  'ALERT_FILE_MISSING',
] as const;

export const acknowledgeHardshipAlert = defineContract({
  name: 'acknowledgeHardshipAlert',
  summary: '确认预警（版本过期则拒绝）',
  method: 'POST',
  path: '/staff/hardship/alerts/{id}/acknowledge',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  body: alertTransitionSchema,
  output: hardshipAlertSchema,
  errors: transitionErrors,
});

export const startHardshipAlert = defineContract({
  name: 'startHardshipAlert',
  summary: '开始处理已确认的预警',
  method: 'POST',
  path: '/staff/hardship/alerts/{id}/start',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  body: alertTransitionSchema,
  output: hardshipAlertSchema,
  errors: transitionErrors,
});

export const resolveHardshipAlert = defineContract({
  name: 'resolveHardshipAlert',
  summary: '办结预警（无需帮扶 / 已帮扶 / 重新建档 / 转介）；重新建档与档案类别变更一并生效',
  method: 'POST',
  path: '/staff/hardship/alerts/{id}/resolve',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  body: alertResolveSchema,
  output: hardshipAlertSchema,
  errors: [...transitionErrors, 'HARDSHIP_FILE_NOT_FOUND'],
});

export const assignHardshipAlert = defineContract({
  name: 'assignHardshipAlert',
  summary: '转派预警（须填原因，原处理人记入历史）',
  method: 'POST',
  path: '/staff/hardship/alerts/{id}/assign',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  body: alertAssignSchema,
  output: hardshipAlertSchema,
  errors: [...transitionErrors, 'ALERT_ASSIGNEE_INVALID', 'ALERT_ASSIGNEE_UNCHANGED'],
});

export const commentHardshipAlert = defineContract({
  name: 'commentHardshipAlert',
  summary: '评论预警（评论编号由手机生成，重试不重复）',
  method: 'POST',
  path: '/staff/hardship/alerts/{id}/comments',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  body: alertCommentSchema,
  output: hardshipAlertSchema,
  successStatus: 201,
  errors: ['ALERT_NOT_FOUND', 'OUT_OF_SCOPE', 'REQUEST_ID_REUSED', 'ALERT_FILE_MISSING'],
});

export const listHardshipAlertAssignees = defineContract({
  name: 'listHardshipAlertAssignees',
  summary: '可转派的处理人：该户所属工会及其上级工会的工作人员（在您的管理范围内）',
  method: 'GET',
  path: '/staff/hardship/alerts/{id}/assignees',
  access: staffOnly,
  authz: staffOverRecord,
  params: alertParams,
  output: z.object({
    assignees: z.array(
      z.object({ userId: z.string(), name: z.string(), orgPath: orgPathSchema, orgName: z.string() }),
    ),
  }),
  errors: ['ALERT_NOT_FOUND', 'OUT_OF_SCOPE'],
});
