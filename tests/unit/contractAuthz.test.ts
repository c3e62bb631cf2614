import {
  type AuthzCaller,
  authzCallers,
  type Contract,
  contracts,
  declaredErrors,
  type Role,
} from '@ankang/shared';
import { describe, expect, it } from 'vitest';

const all = Object.values(contracts as Record<string, Contract>);

/** The roles each caller of the matrix holds (tests/api/authz/callers.ts makes them so). */
const rolesHeld: Record<AuthzCaller, Role[]> = {
  anonymous: [],
  worker: ['worker'],
  volunteer: ['worker', 'volunteer'],
  otherVolunteer: ['worker', 'volunteer'],
  staffInScope: ['worker', 'staff'],
  staffAbove: ['worker', 'staff'],
  staffBelow: ['worker', 'staff'],
  staffBeside: ['worker', 'staff'],
  admin: ['worker', 'admin'],
};

/** What the pipeline's own checks answer before any service runs, from `access` alone. */
function pipelineAnswer(contract: Contract, caller: AuthzCaller): 'UNAUTHENTICATED' | 'FORBIDDEN' | 'passes' {
  if (contract.access === 'public') return 'passes';
  if (caller === 'anonymous') return 'UNAUTHENTICATED';
  return contract.access.some((role) => rolesHeld[caller].includes(role)) ? 'passes' : 'FORBIDDEN';
}

describe('Contracts: the authorization each declares', () => {
  it('declares every caller, each outcome ok or a code the route may answer', () => {
    const wrong = all.flatMap((contract) =>
      authzCallers
        .filter((caller) => {
          const outcome = contract.authz[caller];
          return outcome !== 'ok' && !declaredErrors(contract).has(outcome);
        })
        .map((caller) => `${contract.name}.${caller}: ${contract.authz[caller]}`),
    );
    expect(wrong).toStrictEqual([]);
    expect(all.every((contract) => Object.keys(contract.authz).length === authzCallers.length)).toBe(true);
  });

  it('agrees with its access: no token and a role the route does not admit are refused as the pipeline refuses them', () => {
    const disagreeing = all.flatMap((contract) =>
      authzCallers
        .filter((caller) => {
          const outcome = contract.authz[caller];
          const pipeline = pipelineAnswer(contract, caller);
          if (pipeline !== 'passes') return outcome !== pipeline;
          // Past the pipeline a service may still refuse a role (FORBIDDEN), never the token.
          return outcome === 'UNAUTHENTICATED';
        })
        .map((caller) => `${contract.name}.${caller}: ${contract.authz[caller]}`),
    );
    expect(disagreeing).toStrictEqual([]);
  });

  it('lets some caller succeed on every route', () => {
    const closed = all.filter((contract) => !authzCallers.some((caller) => contract.authz[caller] === 'ok'));
    expect(closed.map((contract) => contract.name)).toStrictEqual([]);
  });
});
