import type { ErrorCode } from '../errors';

/**
 * Who may call a route, declared on its contract as the answer each kind of caller gets to a valid
 * request against a record of 张家港 (320000/320500/320582). tests/api/authzMatrix.test.ts sends
 * every route's request as each of them over HTTP and compares every answer with the declaration,
 * so a route added later is covered the day it is declared, and a contract without one does not
 * compile.
 *
 * - `anonymous`: no token.
 * - `worker`: signed in, no granted role.
 * - `volunteer`: an approved volunteer of the campaign the request names (张家港's).
 * - `otherVolunteer`: an approved volunteer of another campaign only.
 * - `staffInScope`: staff of 张家港; `staffAbove`: of 苏州 (its parent); `staffBelow`: of 大新镇
 *   (inside 张家港); `staffBeside`: of 苏州工业园区 (苏州's other county).
 * - `admin`: acts everywhere.
 */
export const authzCallers = [
  'anonymous',
  'worker',
  'volunteer',
  'otherVolunteer',
  'staffInScope',
  'staffAbove',
  'staffBelow',
  'staffBeside',
  'admin',
] as const;
export type AuthzCaller = (typeof authzCallers)[number];

/** `ok`: the route's success status; otherwise the refusal's error code. */
export type AuthzOutcome = 'ok' | ErrorCode;

export type Authz = Readonly<Record<AuthzCaller, AuthzOutcome>>;

const staffCallers = ['staffInScope', 'staffAbove', 'staffBelow', 'staffBeside', 'admin'] as const;

/** Everyone gets the same answer. */
function all(outcome: AuthzOutcome): Authz {
  return Object.fromEntries(authzCallers.map((caller) => [caller, outcome])) as Record<
    AuthzCaller,
    AuthzOutcome
  >;
}

/** A route anyone may call, signed in or not. */
export const openToAll: Authz = all('ok');

/** Any signed-in user, whatever their roles or org. */
export const anySignedIn: Authz = { ...all('ok'), anonymous: 'UNAUTHENTICATED' };

const notStaff = {
  anonymous: 'UNAUTHENTICATED',
  worker: 'FORBIDDEN',
  volunteer: 'FORBIDDEN',
  otherVolunteer: 'FORBIDDEN',
} as const;

/**
 * Staff whose org holds the record: 张家港's own and 苏州's above it, and admins. Staff of a town
 * inside 张家港 or of the county beside it are out of scope.
 */
export const staffOverRecord: Authz = {
  ...notStaff,
  staffInScope: 'ok',
  staffAbove: 'ok',
  staffBelow: 'OUT_OF_SCOPE',
  staffBeside: 'OUT_OF_SCOPE',
  admin: 'ok',
};

/** Any staff member or admin, wherever their org (the route reads only what is the caller's own). */
export const anyStaff: Authz = {
  ...notStaff,
  ...(Object.fromEntries(staffCallers.map((caller) => [caller, 'ok'])) as Record<
    (typeof staffCallers)[number],
    'ok'
  >),
};

/** Administrators only. */
export const adminsOnly: Authz = {
  ...notStaff,
  staffInScope: 'FORBIDDEN',
  staffAbove: 'FORBIDDEN',
  staffBelow: 'FORBIDDEN',
  staffBeside: 'FORBIDDEN',
  admin: 'ok',
};
