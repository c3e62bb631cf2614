import { createHash } from 'node:crypto';
import { coolingKeyId, coolingPublicKey, toBase64Url } from '@ankang/shared';
import { readSecret } from './secrets';

export interface CoolingSigningKey {
  id: string;
  seed: Uint8Array;
  /** base64url, as the scanning phones cache it. */
  publicKey: string;
}

let cached: Promise<CoolingSigningKey> | null = null;

/**
 * The Ed25519 key that signs 清凉码, from the `coolingCode` secret (any string; its SHA-256 is the
 * 32-byte seed), made once per container. The key id is a hash of the public key, so a new secret
 * gives a new id and phones holding the old key list simply fetch again.
 */
export function coolingSigningKey(): Promise<CoolingSigningKey> {
  cached ??= readSecret('coolingCode')
    .then((secret) => {
      const seed = new Uint8Array(createHash('sha256').update(secret).digest());
      const publicKey = coolingPublicKey(seed);
      return { id: coolingKeyId(publicKey), seed, publicKey: toBase64Url(publicKey) };
    })
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
  return cached;
}

/** Every key a code may be verified with, id → base64url public key (one today; rotation adds). */
export async function coolingVerifyKeys(): Promise<Record<string, string>> {
  const key = await coolingSigningKey();
  return { [key.id]: key.publicKey };
}
