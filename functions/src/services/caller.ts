import type { Role } from '@ankang/shared';
import type { UserItem } from '../db/users';

/**
 * Who is calling, read fresh from the table on every authenticated request. The pipeline builds it;
 * services decide with it. It lives here, not in http/, so business rules never import the pipeline.
 */
export interface Caller {
  userId: string;
  nickname: string;
  roles: Role[];
  orgPath: string | null;
}

/**
 * Who sent a request to a public route, for per-caller limits: the user a valid token names, else
 * an anonymous caller by source address. The route's handler builds it from the request the
 * pipeline hands it (identifyRequester, http/requester.ts); services count with it and never see a
 * token.
 */
export type Requester = { kind: 'user'; userId: string } | { kind: 'anonymous'; sourceIp: string };

/** Every role the user holds: every signed-in user is a worker, `worker` first. */
export function rolesOf(user: Pick<UserItem, 'roles'>): Role[] {
  return ['worker', ...user.roles];
}
