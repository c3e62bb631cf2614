import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { gcmOpen, gcmSeal } from './aesGcm';

/** A fresh data key: its plaintext (use once, then wipe) and its form wrapped by the master key. */
export interface DataKey {
  plaintext: Uint8Array;
  /** base64 */
  wrapped: string;
  /** Which master key wrapped it (a KMS key ARN, or `local:<8 hex>`). */
  keyId: string;
}

/**
 * Makes and unwraps the data keys of sealed records. `context` (the record's id) is bound into the
 * wrapping, so a data key copied onto another record cannot be unwrapped there.
 */
export interface KeyProvider {
  generateDataKey(context: string): Promise<DataKey>;
  decryptDataKey(context: string, wrapped: string, keyId: string): Promise<Uint8Array>;
}

const DATA_KEY_BYTES = 32;

function checkedKey(key: Uint8Array | undefined): Uint8Array {
  if (key?.length !== DATA_KEY_BYTES) throw new Error('KMS returned no 256-bit data key');
  return key;
}

/**
 * AWS KMS: GenerateDataKey (AES_256) and Decrypt under one symmetric key, with the record as the
 * encryption context (KMS refuses to decrypt under another context, and CloudTrail logs it).
 */
export function kmsKeyProvider(client: Pick<KMSClient, 'send'>, keyId: string): KeyProvider {
  return {
    async generateDataKey(context) {
      const answer = await client.send(
        new GenerateDataKeyCommand({
          KeyId: keyId,
          KeySpec: 'AES_256',
          EncryptionContext: { record: context },
        }),
      );
      if (!answer.CiphertextBlob || !answer.KeyId) throw new Error('KMS returned no wrapped data key');
      return {
        plaintext: checkedKey(answer.Plaintext),
        wrapped: Buffer.from(answer.CiphertextBlob).toString('base64'),
        keyId: answer.KeyId,
      };
    },
    async decryptDataKey(context, wrapped, wrappedBy) {
      const answer = await client.send(
        new DecryptCommand({
          KeyId: wrappedBy,
          CiphertextBlob: Buffer.from(wrapped, 'base64'),
          EncryptionContext: { record: context },
        }),
      );
      return checkedKey(answer.Plaintext);
    },
  };
}

/**
 * The local stage's stand-in for KMS: data keys are random and wrapped with AES-256-GCM under a
 * master key (SHA-256 of `masterSecret`), the record bound in as AAD. Its key id is derived from
 * the master key, so data sealed under another master key is refused by name, not by a bad tag.
 */
export function localKeyProvider(masterSecret: string): KeyProvider {
  const master = createHash('sha256').update(masterSecret).digest();
  const keyId = `local:${createHmac('sha256', master).update('key id').digest('hex').slice(0, 8)}`;
  const aad = (context: string) => `ankang-data-key\u001f${context}`;
  return {
    async generateDataKey(context) {
      const plaintext = randomBytes(DATA_KEY_BYTES);
      return { plaintext, wrapped: gcmSeal(master, aad(context), plaintext).toString('base64'), keyId };
    },
    async decryptDataKey(context, wrapped, wrappedBy) {
      if (wrappedBy !== keyId) throw new Error(`data key was wrapped by ${wrappedBy}, not ${keyId}`);
      return gcmOpen(master, aad(context), Buffer.from(wrapped, 'base64'));
    },
  };
}
