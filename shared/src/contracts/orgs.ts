import { z } from 'zod';
import { orgNodeSchema, orgPathSchema } from '../schemas/org';
import { roleSchema, userIdSchema } from '../schemas/user';
import { adminOnly } from './access';
import { adminsOnly, staffOverRecord } from './authz';
import { defineContract } from './define';

export const listOrgs = defineContract({
  name: 'listOrgs',
  summary: '调用者可见的工会组织树（工会干部只见本级及下级）',
  method: 'GET',
  path: '/orgs',
  access: ['staff', 'admin'],
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'root' },
  query: z.object({ root: orgPathSchema.optional() }),
  output: z.object({ orgs: z.array(orgNodeSchema) }),
  errors: ['OUT_OF_SCOPE', 'ORG_NOT_FOUND'],
});

export const setStaffRoleBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('grant'), userId: userIdSchema, orgPath: orgPathSchema }),
  z.object({ action: z.literal('revoke'), userId: userIdSchema }),
]);
export type SetStaffRoleBody = z.infer<typeof setStaffRoleBodySchema>;

export const setStaffRole = defineContract({
  name: 'setStaffRole',
  summary: '管理员授予或撤销某人在某级工会组织的工会干部角色（记录授予人，写入审计）',
  method: 'POST',
  path: '/admin/staff',
  access: adminOnly,
  authz: adminsOnly,
  body: setStaffRoleBodySchema,
  output: z.object({
    userId: userIdSchema,
    roles: z.array(roleSchema),
    orgPath: orgPathSchema.nullable(),
    version: z.number().int(),
  }),
  errors: ['USER_NOT_FOUND', 'ORG_NOT_FOUND', 'VERSION_CONFLICT'],
});
