import { expectedVersionSchema } from '../schemas/writes';

/** Any signed-in user: every one of them holds `worker` (see rolesOf on the server). */
export const signedIn = ['worker'] as const;
/** Union staff; admins act everywhere staff do. */
export const staffOnly = ['staff', 'admin'] as const;
/** Administrators only (granting roles, setting rule configuration). */
export const adminOnly = ['admin'] as const;
/** The `version` field of an edit's body. */
export const versionField = { version: expectedVersionSchema };
