import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { localFunctionEnv } from '../../functions/local/seedEnv';
import { contentHash } from '../../functions/src/lib/contentHash';
import { openWith, type Sealed, sealWith } from '../../functions/src/lib/envelope';
import { openFields, sealFields } from '../../functions/src/lib/fieldCrypto';
import { kmsKeyProvider, localKeyProvider } from '../../functions/src/lib/keyProviders';
import { keyedContentHash, keyedHash } from '../../functions/src/lib/lookupHash';

const provider = localKeyProvider('test-master-key-0123456789abcdef-0123');
const context = 'hf_0123456789abcdef0123456789abcdef';
const fields = { idNumber: '11010519491231002X', phone: '13812345678', address: '示例路 8 号 2 单元' };

const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** The same sealed record with one byte of one field's blob changed at `at` (negative: from the end). */
function flipped(sealed: Sealed, field: string, at: number): Sealed {
  const blob = Buffer.from(sealed.fields[field]!, 'base64');
  const index = at < 0 ? blob.length + at : at;
  blob[index] = blob[index]! ^ 0x01;
  return { ...sealed, fields: { ...sealed.fields, [field]: blob.toString('base64') } };
}

/** AES-256-GCM decryption by hand from the documented layout: iv 12 | ciphertext | tag 16. */
function openByHand(key: Uint8Array, aad: string, base64: string): Buffer {
  const blob = Buffer.from(base64, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(blob.subarray(-16));
  return Buffer.concat([decipher.update(blob.subarray(12, -16)), decipher.final()]);
}

describe('Crypto: envelope encryption with the local key provider', () => {
  it('opens what it sealed, Chinese text and an empty value included', async () => {
    const sealed = await sealWith(provider, context, { ...fields, note: '' });
    expect(await openWith(provider, context, sealed)).toStrictEqual({ ...fields, note: '' });
  });

  it('stores no plaintext and follows the documented layout (checked with Node crypto directly)', async () => {
    const sealed = await sealWith(provider, context, fields);
    const text = JSON.stringify(sealed);
    for (const value of [...Object.values(fields), '1101051949', '12345678', '示例路']) {
      expect(text).not.toContain(value);
    }
    expect(Object.keys(sealed).sort()).toStrictEqual(['dataKey', 'fields', 'keyId', 'v']);
    expect(sealed.v).toBe(1);
    expect(sealed.keyId).toMatch(/^local:[0-9a-f]{8}$/);
    const master = createHash('sha256').update('test-master-key-0123456789abcdef-0123').digest();
    const dataKey = openByHand(master, `ankang-data-key\u001f${context}`, sealed.dataKey);
    expect(dataKey).toHaveLength(32);
    expect(openByHand(dataKey, `${context}\u001fidNumber`, sealed.fields.idNumber!).toString()).toBe(
      fields.idNumber,
    );
    expect(Buffer.from(sealed.fields.phone!, 'base64')).toHaveLength(12 + 11 + 16);
  });

  it('never seals the same value the same way twice (a fresh data key and IV each time)', async () => {
    const [a, b] = await Promise.all([
      sealWith(provider, context, fields),
      sealWith(provider, context, fields),
    ]);
    expect(a.dataKey).not.toBe(b.dataKey);
    for (const name of Object.keys(fields)) expect(a.fields[name]).not.toBe(b.fields[name]);
  });

  it.each([
    ['IV', 0],
    ['ciphertext', 12],
    ['tag', -1],
  ])('refuses a value whose %s was changed', async (_part, at) => {
    const sealed = await sealWith(provider, context, fields);
    await expect(openWith(provider, context, flipped(sealed, 'phone', at))).rejects.toThrow();
  });

  it('refuses a changed wrapped data key and a truncated value', async () => {
    const sealed = await sealWith(provider, context, fields);
    const wrapped = Buffer.from(sealed.dataKey, 'base64');
    wrapped[20] = wrapped[20]! ^ 0x80;
    await expect(
      openWith(provider, context, { ...sealed, dataKey: wrapped.toString('base64') }),
    ).rejects.toThrow();
    await expect(
      openWith(provider, context, { ...sealed, fields: { phone: sealed.fields.phone!.slice(0, 20) } }),
    ).rejects.toThrow();
  });

  it('refuses a record moved to another id, and a value moved to another field or record', async () => {
    const sealed = await sealWith(provider, context, fields);
    const other = 'hf_ffffffffffffffffffffffffffffffff';
    await expect(openWith(provider, other, sealed)).rejects.toThrow();
    const swapped = { ...sealed, fields: { phone: sealed.fields.idNumber!, idNumber: sealed.fields.phone! } };
    await expect(openWith(provider, context, swapped)).rejects.toThrow();
    const elsewhere = await sealWith(provider, other, fields);
    const transplanted = { ...sealed, fields: { ...sealed.fields, phone: elsewhere.fields.phone! } };
    await expect(openWith(provider, context, transplanted)).rejects.toThrow();
  });

  it('opens with the same master key in a new provider, and refuses another master key by its id', async () => {
    const sealed = await sealWith(provider, context, fields);
    const again = localKeyProvider('test-master-key-0123456789abcdef-0123');
    expect(await openWith(again, context, sealed)).toStrictEqual(fields);
    const stranger = localKeyProvider('another-master-key-0123456789abcdef');
    await expect(openWith(stranger, context, sealed)).rejects.toThrow(/wrapped by local:/);
  });

  it('refuses a record id or field name holding the AAD separator', async () => {
    await expect(sealWith(provider, `${context}\u001fx`, fields)).rejects.toThrow(/context/);
    await expect(sealWith(provider, context, { 'a\u001fb': 'x' })).rejects.toThrow(/context/);
  });

  it('round-trips any text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string()),
        async (values) => {
          const clean = Object.fromEntries(
            Object.entries(values).filter(([name]) => !name.includes('\u001f')),
          );
          expect(await openWith(provider, context, await sealWith(provider, context, clean))).toStrictEqual(
            clean,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('Crypto: the KMS key provider', () => {
  const keyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  it('asks for an AES-256 data key of the configured key with the record as encryption context', async () => {
    const send = vi.fn(async () => ({
      Plaintext: new Uint8Array(32).fill(7),
      CiphertextBlob: Uint8Array.from([1, 2, 3, 4]),
      KeyId: keyArn,
    }));
    const kms = kmsKeyProvider({ send } as never, '1234abcd-12ab-34cd-56ef-1234567890ab');
    const key = await kms.generateDataKey(context);
    const command = send.mock.calls[0]![0 as never] as unknown as GenerateDataKeyCommand;
    expect(command).toBeInstanceOf(GenerateDataKeyCommand);
    expect(command.input).toStrictEqual({
      KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      KeySpec: 'AES_256',
      EncryptionContext: { record: context },
    });
    expect(key).toStrictEqual({ plaintext: new Uint8Array(32).fill(7), wrapped: 'AQIDBA==', keyId: keyArn });
  });

  it('decrypts a data key under the key that wrapped it and the same encryption context', async () => {
    const send = vi.fn(async () => ({ Plaintext: new Uint8Array(32).fill(9), KeyId: keyArn }));
    const kms = kmsKeyProvider({ send } as never, 'unused-here');
    expect(await kms.decryptDataKey(context, 'AQIDBA==', keyArn)).toStrictEqual(new Uint8Array(32).fill(9));
    const command = send.mock.calls[0]![0 as never] as unknown as DecryptCommand;
    expect(command).toBeInstanceOf(DecryptCommand);
    expect(command.input).toStrictEqual({
      KeyId: keyArn,
      CiphertextBlob: Buffer.from([1, 2, 3, 4]),
      EncryptionContext: { record: context },
    });
  });

  it('refuses an answer without a 256-bit data key', async () => {
    const short = kmsKeyProvider(
      {
        send: async () => ({
          Plaintext: new Uint8Array(16),
          CiphertextBlob: new Uint8Array(4),
          KeyId: keyArn,
        }),
      } as never,
      keyArn,
    );
    await expect(short.generateDataKey(context)).rejects.toThrow(/256-bit/);
    await expect(short.decryptDataKey(context, 'AQIDBA==', keyArn)).rejects.toThrow(/256-bit/);
  });
});

describe('Crypto: the stage’s sealFields / openFields', () => {
  it('use the local master key on the local stage', async () => {
    const sealed = await sealFields(context, fields);
    expect(await openFields(context, sealed)).toStrictEqual(fields);
    expect(
      await openWith(localKeyProvider(String(process.env.FIELD_MASTER_KEY)), context, sealed),
    ).toStrictEqual(fields);
    await expect(openFields('hf_ffffffffffffffffffffffffffffffff', sealed)).rejects.toThrow();
  });
});

describe('Lookup: keyedHash', () => {
  it('is HMAC-SHA256 of purpose and value under the lookup key, different per purpose', async () => {
    const id = '11010519491231002X';
    expect(await keyedHash('id', id)).toBe(hmac(String(process.env.LOOKUP_KEY), `id\u001f${id}`));
    expect(await keyedHash('content', id)).not.toBe(await keyedHash('id', id));
    expect(await keyedHash('id', id)).not.toBe(createHash('sha256').update(id).digest('hex'));
  });

  it('hashes a body’s content whatever its key order, and never as the plain content hash', async () => {
    const body = { idNumber: '11010519491231002X', members: [{ name: '示例', birthYear: 1980 }] };
    const reordered = { members: [{ birthYear: 1980, name: '示例' }], idNumber: '11010519491231002X' };
    expect(await keyedContentHash(reordered)).toBe(await keyedContentHash(body));
    expect(await keyedContentHash({ ...body, idNumber: '110105194912310029' })).not.toBe(
      await keyedContentHash(body),
    );
    expect(await keyedContentHash(body)).not.toBe(contentHash(body));
  });
});

describe('Local stage keys for the seed', () => {
  const yaml = readFileSync(path.resolve(__dirname, '../../serverless.yml'), 'utf8');
  const localDefault = (param: string, variable: string) =>
    new RegExp(`${param}: \\$\\{env:${variable}, '([^']+)'\\}`).exec(yaml)?.[1];

  it('are the defaults serverless.yml gives the local API, so seeded files open there', () => {
    const seed = localFunctionEnv('ankang-local');
    expect(seed.FIELD_MASTER_KEY).toBe(localDefault('fieldMasterKey', 'ANKANG_FIELD_MASTER_KEY'));
    expect(seed.LOOKUP_KEY).toBe(localDefault('lookupKey', 'ANKANG_LOOKUP_KEY'));
    expect(seed.FIELD_MASTER_KEY).toMatch(/^local-only-.{20,}$/);
  });
});
