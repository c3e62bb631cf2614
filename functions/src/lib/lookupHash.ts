import { createHmac } from 'node:crypto';
import { canonicalJson } from './contentHash';
import { readSecret } from './secrets';

/** What a lookup hash is of; mixed into the hash so two purposes never give the same value. */
export type LookupPurpose = 'id' | 'content' | 'invite' | 'inviteCode';

/**
 * A keyed hash (HMAC-SHA256, hex) under the server's `lookup` secret: finds a record by a value it
 * holds only sealed (an ID number). Without the secret a hash cannot be tested against the small
 * space of possible ID numbers, as a plain SHA-256 could.
 */
export async function keyedHash(purpose: LookupPurpose, value: string): Promise<string> {
  const key = await readSecret('lookup');
  return createHmac('sha256', key).update(`${purpose}\u001f${value}`).digest('hex');
}

/**
 * The content hash of a request body that holds sensitive values (see lib/contentHash.ts): tells a
 * retry from a reuse of a client-made id without storing a plain hash of an ID number.
 */
export function keyedContentHash(body: unknown): Promise<string> {
  return keyedHash('content', canonicalJson(body));
}
