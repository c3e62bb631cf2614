import type { Contract } from '@ankang/shared';
import { getUser } from '../../db/users';
import { AppError } from '../../lib/errors';
import { rolesOf } from '../../services/caller';
import { verifyAccessToken } from '../../services/token';
import type { PipelineMiddleware } from '../context';

/** The token of an `Authorization: Bearer …` header, else null. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Verifies the bearer token and loads the caller from the table, so a revoked role or a sign-out
 * stops working at once rather than when the token expires. Public routes skip it.
 */
export function authenticate(contract: Contract): PipelineMiddleware {
  return {
    before: async (request) => {
      if (contract.access === 'public') return;
      const token = bearerToken(request.event.headers?.authorization);
      if (!token) throw new AppError('UNAUTHENTICATED');
      const { userId, tokenVersion } = await verifyAccessToken(token);
      const user = await getUser(userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      // Sign-out bumps the user's token version: every token issued before it stops here.
      if (tokenVersion !== user.tokenVersion) {
        throw new AppError('UNAUTHENTICATED', { cause: new Error('token revoked by sign-out') });
      }
      request.context.caller = {
        userId,
        nickname: user.nickname,
        roles: rolesOf(user),
        orgPath: user.orgPath,
      };
    },
  };
}
