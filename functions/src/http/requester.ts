import type { Requester } from '../services/caller';
import { verifyAccessToken } from '../services/token';
import type { ServiceRequest } from './context';

/**
 * Optional authentication, for a public route that counts its callers: the user a valid bearer
 * token names, else the caller as anonymous, by source address. A bad or expired token is not
 * refused (the route is public); it names nobody. The token alone decides, without the table read
 * of `authenticate` (a sign-out is not checked): a count per caller needs no more.
 */
export async function identifyRequester({
  sourceIp,
  bearerToken,
}: ServiceRequest<unknown>['requester']): Promise<Requester> {
  if (bearerToken) {
    try {
      const { userId } = await verifyAccessToken(bearerToken);
      return { kind: 'user', userId };
    } catch {
      // Anonymous, as without a token.
    }
  }
  return { kind: 'anonymous', sourceIp };
}
