import { createHmac } from 'node:crypto';
import { readSecret } from './secrets';

/**
 * A keyed pseudonym (HMAC-SHA256 under the server's `pseudonym` secret) of a user for one purpose.
 * Stored keys that only exist to deduplicate or limit a user's writes hold this instead of the user
 * id: without the secret nobody can tell whose it is, and the purpose and the other parts (a
 * station, a day) are mixed in so two such keys of one person cannot be linked to each other.
 * Deterministic, so a retry of the same write finds the same key. Hex, so it fits any id pattern.
 */
export async function pseudonym(purpose: string, userId: string, ...parts: string[]): Promise<string> {
  const key = await readSecret('pseudonym');
  return createHmac('sha256', key)
    .update([purpose, userId, ...parts].join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}
