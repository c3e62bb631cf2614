import { z } from 'zod';
import {
  hardshipPolicySetSchema,
  hardshipPolicyViewSchema,
  policyExpectedVersionSchema,
} from '../schemas/hardshipPolicyViews';
import { orgPathSchema } from '../schemas/org';
import { adminOnly, staffOnly } from './access';
import { adminsOnly, staffOverRecord } from './authz';
import { defineContract } from './define';
import { queryNumber } from './query';

export const getHardshipPolicy = defineContract({
  name: 'getHardshipPolicy',
  summary: '某级工会适用的监测规则：生效值及其来源（本级设置、继承或系统默认）和本级的修改记录',
  method: 'GET',
  path: '/staff/hardship/policy',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  /** Defaults to the caller's node. */
  query: z.object({ orgPath: orgPathSchema.optional() }),
  output: hardshipPolicyViewSchema,
  errors: ['ORG_NOT_FOUND'],
});

export const setHardshipPolicy = defineContract({
  name: 'setHardshipPolicy',
  summary: '管理员设置某级工会的监测规则（整套覆盖上级；版本过期则拒绝，重试相同内容不重复记录）',
  method: 'PUT',
  path: '/staff/hardship/policy',
  access: adminOnly,
  authz: adminsOnly,
  orgScope: { from: 'body', field: 'orgPath' },
  body: hardshipPolicySetSchema,
  output: hardshipPolicyViewSchema,
  errors: ['ORG_NOT_FOUND', 'VERSION_CONFLICT'],
});

export const clearHardshipPolicy = defineContract({
  name: 'clearHardshipPolicy',
  summary: '管理员清除某级工会自己的监测规则，恢复继承上级（版本过期则拒绝）',
  method: 'DELETE',
  path: '/staff/hardship/policy',
  access: adminOnly,
  authz: adminsOnly,
  orgScope: { from: 'query', field: 'orgPath' },
  query: z.object({
    orgPath: orgPathSchema,
    expectedVersion: queryNumber().pipe(policyExpectedVersionSchema),
  }),
  output: hardshipPolicyViewSchema,
  errors: ['ORG_NOT_FOUND', 'VERSION_CONFLICT'],
});
