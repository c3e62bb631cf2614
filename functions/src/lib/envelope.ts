import { z } from 'zod';
import { gcmOpen, gcmSeal } from './aesGcm';
import type { KeyProvider } from './keyProviders';

/**
 * Fields of one record sealed under one data key: the key travels wrapped (only the key provider
 * can unwrap it), each field as base64(iv 12 | ciphertext | tag 16).
 */
export const sealedSchema = z.object({
  v: z.literal(1),
  keyId: z.string().min(1),
  dataKey: z.string().min(1),
  fields: z.record(z.string(), z.string()),
});
export type Sealed = z.infer<typeof sealedSchema>;

const SEPARATOR = '\u001f';

/** Each field's AAD names its record and itself: a value copied to another record or field fails. */
function fieldAad(context: string, name: string): string {
  if (context.includes(SEPARATOR) || name.includes(SEPARATOR)) throw new Error('bad sealing context');
  return `${context}${SEPARATOR}${name}`;
}

/** Envelope encryption of `fields` for the record `context` with a fresh data key from `provider`. */
export async function sealWith(
  provider: KeyProvider,
  context: string,
  fields: Record<string, string>,
): Promise<Sealed> {
  const key = await provider.generateDataKey(context);
  try {
    const sealed = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [
        name,
        gcmSeal(key.plaintext, fieldAad(context, name), Buffer.from(value, 'utf8')).toString('base64'),
      ]),
    );
    return { v: 1, keyId: key.keyId, dataKey: key.wrapped, fields: sealed };
  } finally {
    key.plaintext.fill(0);
  }
}

/** Opens every field of a sealed record; throws when any was changed, moved or sealed elsewhere. */
export async function openWith(
  provider: KeyProvider,
  context: string,
  sealed: Sealed,
): Promise<Record<string, string>> {
  const key = await provider.decryptDataKey(context, sealed.dataKey, sealed.keyId);
  try {
    return Object.fromEntries(
      Object.entries(sealed.fields).map(([name, blob]) => [
        name,
        gcmOpen(key, fieldAad(context, name), Buffer.from(blob, 'base64')).toString('utf8'),
      ]),
    );
  } finally {
    key.fill(0);
  }
}
