import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM of `plaintext` under a 32-byte key with additional authenticated data, as one blob:
 * a fresh random 12-byte IV, the ciphertext, then the 16-byte tag. The AAD is not stored; whoever
 * opens the blob must know it, so a blob moved to another record or field does not open.
 */
export function gcmSeal(key: Uint8Array, aad: string, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Opens a `gcmSeal` blob; throws when the key, the AAD or any byte of the blob is not the original. */
export function gcmOpen(key: Uint8Array, aad: string, blob: Uint8Array): Buffer {
  if (blob.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
  return Buffer.concat([decipher.update(blob.subarray(IV_BYTES, blob.length - TAG_BYTES)), decipher.final()]);
}
