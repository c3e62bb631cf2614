import type { Me, Role } from '@ankang/shared';
import { useAccount } from './useAccount';

export type GateState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'forbidden'; me: Me }
  | { kind: 'allowed'; me: Me };

/**
 * A role-gated page: allowed when the user holds any of `roles`. Decides on the fresh GET /me
 * when it has arrived (a role may have been granted or revoked since sign-in), else on the stored copy;
 * the server checks again on every call, so this only decides what to show.
 */
export function useRoleGate(roles: readonly Role[]) {
  const account = useAccount();
  let gate: GateState;
  if (!account.signedIn) gate = { kind: 'signed-out' };
  else if (!account.me) gate = { kind: 'loading' };
  else if (account.me.roles.some((role) => roles.includes(role))) gate = { kind: 'allowed', me: account.me };
  else if (account.loading) gate = { kind: 'loading' };
  else gate = { kind: 'forbidden', me: account.me };
  return { gate, account };
}
