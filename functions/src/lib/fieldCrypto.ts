import { KMSClient } from '@aws-sdk/client-kms';
import { env } from './env';
import { openWith, type Sealed, sealWith } from './envelope';
import { type KeyProvider, kmsKeyProvider, localKeyProvider } from './keyProviders';
import { traced } from './tracer';

export { type Sealed, sealedSchema } from './envelope';

let provider: KeyProvider | null = null;

/**
 * The stage's key provider, made once per container: KMS under the stack's FieldKey when deployed,
 * the local master key on the local stage (envSchema guarantees each stage has its own and only it).
 * Providers hold no data keys: every seal and open asks for its record's key afresh.
 */
function fieldKeyProvider(): KeyProvider {
  if (provider) return provider;
  if (env.STAGE === 'local') {
    if (!env.FIELD_MASTER_KEY) throw new Error('FIELD_MASTER_KEY is not configured');
    provider = localKeyProvider(env.FIELD_MASTER_KEY);
  } else {
    if (!env.FIELD_KEY_ID) throw new Error('FIELD_KEY_ID is not configured');
    provider = kmsKeyProvider(traced(new KMSClient({ region: env.AWS_REGION })), env.FIELD_KEY_ID);
  }
  return provider;
}

/**
 * Seals sensitive fields (an ID number, a phone, an address) of the record `context` (its id) with
 * envelope encryption: AES-256-GCM under a data key of its own, wrapped by KMS (or locally).
 */
export function sealFields(context: string, fields: Record<string, string>): Promise<Sealed> {
  return sealWith(fieldKeyProvider(), context, fields);
}

/** The plaintext fields of `sealFields`'s result, for the same `context` only. */
export function openFields(context: string, sealed: Sealed): Promise<Record<string, string>> {
  return openWith(fieldKeyProvider(), context, sealed);
}
