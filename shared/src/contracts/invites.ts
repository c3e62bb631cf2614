import { z } from 'zod';
import { orgPathSchema } from '../schemas/org';
import { roleSchema, userIdSchema } from '../schemas/user';
import { requestIdSchema } from '../schemas/writes';
import { signedIn, staffOnly } from './access';
import { anySignedIn, openToAll, staffOverRecord } from './authz';
import { defineContract } from './define';

/** The roles an invite (and a revoke) deals in; `worker` is everyone's and `volunteer` is per campaign. */
export const grantableRoleSchema = z.enum(['staff', 'admin']);
export type GrantableRole = z.infer<typeof grantableRoleSchema>;

/** A one-time invite code: 144 bits, base64url. Only its keyed hash is stored. */
export const inviteCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{24}$/, '邀请码格式不正确');

/** An invite's id (a keyed hash of its code, so the code cannot be recovered from it). */
export const inviteIdSchema = z.string().regex(/^inv_[0-9a-f]{32}$/, '邀请编号格式不正确');

export const inviteStateSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export type InviteState = z.infer<typeof inviteStateSchema>;

/** How long an invite may be opened: a week by default, two at most. */
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 14;

/** The mini-program page an invitee opens (share card, QR code); the code rides in the query. */
export const INVITE_PAGE = 'join/pages/invite/index';

const inviteOrgSchema = z.object({ path: orgPathSchema, name: z.string() });
const personSchema = z.object({ userId: userIdSchema, name: z.string() });

/** An invite as its inviter (and staff above) see it. Never carries the code. */
export const inviteSummarySchema = z.object({
  id: inviteIdSchema,
  role: grantableRoleSchema,
  /** The node a staff invite is for; null for an admin invite (admins act everywhere). */
  org: inviteOrgSchema.nullable(),
  state: inviteStateSchema,
  createdBy: personSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedBy: personSchema.optional(),
  acceptedAt: z.string().optional(),
  revokedBy: personSchema.optional(),
  revokedAt: z.string().optional(),
});
export type InviteSummary = z.infer<typeof inviteSummarySchema>;

export const createInviteBodySchema = z
  .object({
    /** Made once per 生成邀请 tap: a retried create answers the same invite and code. */
    requestId: requestIdSchema,
    role: grantableRoleSchema,
    /** Required for a staff invite, absent for an admin invite. */
    orgPath: orgPathSchema.optional(),
    validDays: z.number().int().min(1).max(INVITE_MAX_DAYS).default(INVITE_DEFAULT_DAYS),
  })
  .refine((body) => (body.role === 'staff') === (body.orgPath !== undefined), {
    message: '工会干部邀请须选择组织；管理员邀请不选组织',
    path: ['orgPath'],
  });
export type CreateInviteBody = z.infer<typeof createInviteBodySchema>;

export const createInvite = defineContract({
  name: 'createInvite',
  summary: '邀请某人担任某级工会组织的工会干部（工会干部只能邀请下级），或担任管理员（仅管理员）',
  method: 'POST',
  path: '/staff/invites',
  access: staffOnly,
  // Staff invite only strictly below their own node: 张家港's own staff may not mint their peers.
  authz: { ...staffOverRecord, staffInScope: 'NOT_BELOW_OWN_ORG' },
  orgScope: { from: 'body', field: 'orgPath' },
  body: createInviteBodySchema,
  output: z.object({
    invite: inviteSummarySchema,
    /** Shown to the inviter only, in this answer (and its retries); never stored in plain. */
    code: inviteCodeSchema,
    /** The page to open, with the code: for the share card and the QR code. */
    path: z.string(),
  }),
  successStatus: 201,
  errors: ['ORG_NOT_FOUND', 'NOT_BELOW_OWN_ORG', 'REQUEST_ID_REUSED', 'INVITE_REQUEST_SPENT'],
});

/** What the invitee sees before accepting: no inviter id, no code. */
export const invitePreviewSchema = z.object({
  role: grantableRoleSchema,
  org: inviteOrgSchema.extend({ chain: z.array(z.string()) }).nullable(),
  state: inviteStateSchema,
  expiresAt: z.string(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** The code travels in a body, not a URL, so it never lands in access logs. */
const codeBody = z.object({ code: inviteCodeSchema });

export const getInvite = defineContract({
  name: 'getInvite',
  summary: '按邀请码查看邀请（组织、角色、有效期、状态），无需登录',
  method: 'POST',
  path: '/invites/preview',
  access: 'public',
  authz: openToAll,
  body: codeBody,
  output: invitePreviewSchema,
  errors: ['INVITE_NOT_FOUND'],
});

export const acceptInvite = defineContract({
  name: 'acceptInvite',
  summary: '接受邀请：一次性，过期、已用、已撤销的邀请不能接受',
  method: 'POST',
  path: '/invites/accept',
  access: signedIn,
  // Anyone signed in may accept; staff hold one node, so staff of 张家港 already have the role and
  // staff elsewhere are refused rather than moved (their own node revokes first).
  authz: {
    ...anySignedIn,
    staffInScope: 'ROLE_ALREADY_HELD',
    staffAbove: 'ALREADY_STAFF_ELSEWHERE',
    staffBelow: 'ALREADY_STAFF_ELSEWHERE',
    staffBeside: 'ALREADY_STAFF_ELSEWHERE',
  },
  body: codeBody,
  output: z.object({
    role: grantableRoleSchema,
    org: inviteOrgSchema.nullable(),
    roles: z.array(roleSchema),
  }),
  errors: [
    'INVITE_NOT_FOUND',
    'INVITE_EXPIRED',
    'INVITE_USED',
    'INVITE_REVOKED',
    'INVITER_ROLE_REVOKED',
    'ALREADY_STAFF_ELSEWHERE',
    'ROLE_ALREADY_HELD',
    'VERSION_CONFLICT',
  ],
});

export const listInvites = defineContract({
  name: 'listInvites',
  summary: '管理范围内待接受的邀请（管理员另见管理员邀请）',
  method: 'GET',
  path: '/staff/invites',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'root' },
  query: z.object({ root: orgPathSchema.optional() }),
  output: z.object({
    invites: z.array(inviteSummarySchema),
    /** More pending invites exist than one answer carries. */
    truncated: z.boolean(),
  }),
  errors: ['OUT_OF_SCOPE'],
});

export const revokeInvite = defineContract({
  name: 'revokeInvite',
  summary: '撤销尚未接受的邀请（重复撤销无副作用）',
  method: 'POST',
  path: '/staff/invites/{id}/revoke',
  access: staffOnly,
  // Revoked by whoever could have made it: staff of the node itself manage only below it.
  authz: { ...staffOverRecord, staffInScope: 'NOT_BELOW_OWN_ORG' },
  params: z.object({ id: inviteIdSchema }),
  output: inviteSummarySchema,
  errors: ['INVITE_NOT_FOUND', 'INVITE_USED', 'NOT_BELOW_OWN_ORG', 'OUT_OF_SCOPE'],
});

export const roleHolderSchema = z.object({
  userId: userIdSchema,
  nickname: z.string(),
  role: grantableRoleSchema,
  /** The node a staff role is held at; null for an admin. */
  org: inviteOrgSchema.nullable(),
  /** Who granted it and when; null for roles granted before grants were recorded. */
  grantedBy: z.object({ name: z.string() }).nullable(),
  grantedAt: z.string().nullable(),
  /** Whether the caller may revoke it (the same rule revokeRole applies). */
  revocable: z.boolean(),
});
export type RoleHolder = z.infer<typeof roleHolderSchema>;

export const listRoleHolders = defineContract({
  name: 'listRoleHolders',
  summary: '管理范围内各级组织的工会干部（管理员另见全部管理员），含授予人与时间',
  method: 'GET',
  path: '/staff/roles',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'root' },
  query: z.object({ root: orgPathSchema.optional() }),
  output: z.object({ holders: z.array(roleHolderSchema), truncated: z.boolean() }),
  errors: ['OUT_OF_SCOPE'],
});

export const revokeRoleBodySchema = z.object({ userId: userIdSchema, role: grantableRoleSchema });
export type RevokeRoleBody = z.infer<typeof revokeRoleBodySchema>;

export const revokeRole = defineContract({
  name: 'revokeRole',
  summary: '撤销某人的工会干部或管理员角色，下一次请求起生效（不能撤销自己，不能撤销最后一位管理员）',
  method: 'POST',
  path: '/staff/roles/revoke',
  access: staffOnly,
  // A staff member of 张家港 is a peer of the one revoked: only the nodes above (and admins) may.
  authz: { ...staffOverRecord, staffInScope: 'NOT_BELOW_OWN_ORG' },
  body: revokeRoleBodySchema,
  output: z.object({ userId: userIdSchema, roles: z.array(roleSchema), orgPath: orgPathSchema.nullable() }),
  errors: ['USER_NOT_FOUND', 'ROLE_NOT_HELD', 'CANNOT_REVOKE_SELF', 'NOT_BELOW_OWN_ORG', 'OUT_OF_SCOPE'],
});
