import type { Contract } from '@ankang/shared';
import { AppError } from '../../lib/errors';
import { isInScope } from '../../services/scope';
import type { PipelineMiddleware } from '../context';

/** Runs before parsing: the caller must hold one of the route's roles. */
export function authorizeRole(contract: Contract): PipelineMiddleware {
  return {
    before: (request) => {
      if (contract.access === 'public') return;
      const caller = request.context.caller;
      if (!caller) throw new AppError('UNAUTHENTICATED');
      if (!contract.access.some((role) => caller.roles.includes(role))) throw new AppError('FORBIDDEN');
    },
  };
}

/**
 * Runs after parsing: an org path in the input must lie within the caller's org node. Admins act
 * everywhere; staff only on their node and below, never beside or above it.
 */
export function authorizeOrgScope(contract: Contract): PipelineMiddleware {
  return {
    before: (request) => {
      const scope = contract.orgScope;
      const caller = request.context.caller;
      if (!scope || !caller) return;
      const part = request.context.input[scope.from] as Record<string, unknown> | undefined;
      const target = part?.[scope.field];
      if (typeof target !== 'string') return;
      if (!isInScope(caller, target)) throw new AppError('OUT_OF_SCOPE');
    },
  };
}
