import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  COOLING_CODE_SKEW_SECONDS,
  COOLING_CODE_TTL_SECONDS,
  coolingKeyId,
  coolingPublicKey,
  fromBase64Url,
  parseCoolingCode,
  signCoolingCode,
  toBase64Url,
  verifyCoolingCode,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../functions/src/lib/envSchema';

const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const otherSeed = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const publicKey = coolingPublicKey(seed);
const keys = { [coolingKeyId(publicKey)]: toBase64Url(publicKey) };
const pseudonym = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const expiresAt = 1_780_000_000;
const madeAt = (expiresAt - COOLING_CODE_TTL_SECONDS) * 1000;

/** Node's own Ed25519 (OpenSSL), to check the library against an independent implementation. */
function nodeKeyPair(rawSeed: Uint8Array) {
  // PKCS#8 prefix of an Ed25519 private key, followed by the 32-byte seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(rawSeed)]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, publicKeyB64: String(jwk.x) };
}

describe('Domain: coolingCode', () => {
  it('derives the same public key as OpenSSL and a signature OpenSSL accepts', () => {
    const node = nodeKeyPair(seed);
    expect(toBase64Url(publicKey)).toBe(node.publicKeyB64);
    const code = signCoolingCode(seed, pseudonym, expiresAt);
    const cut = code.lastIndexOf('.');
    const signature = Buffer.from(code.slice(cut + 1), 'base64url');
    const ok = nodeVerify(null, Buffer.from(code.slice(0, cut)), createPublicKey(node.privateKey), signature);
    expect(ok).toBe(true);
    // Ed25519 is deterministic: OpenSSL's signature of the same text is the same bytes.
    expect(nodeSign(null, Buffer.from(code.slice(0, cut)), node.privateKey).toString('base64url')).toBe(
      code.slice(cut + 1),
    );
  });

  it('lays the code out as version.keyId.pseudonym.expiry.signature and stays QR-small', () => {
    const code = signCoolingCode(seed, pseudonym, expiresAt);
    const parts = code.split('.');
    expect(parts.slice(0, 4)).toStrictEqual([
      'AKC1',
      coolingKeyId(publicKey),
      pseudonym,
      expiresAt.toString(36),
    ]);
    expect(parts[4]).toHaveLength(86);
    expect(code.length).toBeLessThan(150);
    expect(parseCoolingCode(code)).toStrictEqual({ keyId: coolingKeyId(publicKey), pseudonym, expiresAt });
  });

  it('round-trips: any pseudonym and expiry verifies inside its window', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.integer({ min: 1_700_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: COOLING_CODE_TTL_SECONDS * 1000 }),
        (who, expiry, offsetMs) => {
          const code = signCoolingCode(seed, who, expiry);
          const at = (expiry - COOLING_CODE_TTL_SECONDS) * 1000 + offsetMs;
          expect(verifyCoolingCode(code, keys, at)).toStrictEqual({
            valid: true,
            claims: { keyId: coolingKeyId(publicKey), pseudonym: who, expiresAt: expiry },
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a code with any one character changed', () => {
    const code = signCoolingCode(seed, pseudonym, expiresAt);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: code.length - 1 }),
        fc.constantFrom(...alphabet),
        (position, replacement) => {
          fc.pre(code[position] !== replacement);
          const tampered = code.slice(0, position) + replacement + code.slice(position + 1);
          const verdict = verifyCoolingCode(tampered, keys, madeAt + 1000);
          expect(verdict.valid).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says expired after the expiry (with the allowed clock skew), valid just before', () => {
    const code = signCoolingCode(seed, pseudonym, expiresAt);
    const lastGood = (expiresAt + COOLING_CODE_SKEW_SECONDS) * 1000;
    expect(verifyCoolingCode(code, keys, lastGood).valid).toBe(true);
    expect(verifyCoolingCode(code, keys, lastGood + 1)).toStrictEqual({
      valid: false,
      reason: 'expired',
      claims: { keyId: coolingKeyId(publicKey), pseudonym, expiresAt },
    });
    const earliest = madeAt - COOLING_CODE_SKEW_SECONDS * 1000;
    expect(verifyCoolingCode(code, keys, earliest).valid).toBe(true);
    expect(verifyCoolingCode(code, keys, earliest - 1)).toMatchObject({
      valid: false,
      reason: 'notYetValid',
    });
  });

  it('refuses a code signed by a key it does not know, and one re-labelled with a known key id', () => {
    const foreign = signCoolingCode(otherSeed, pseudonym, expiresAt);
    expect(verifyCoolingCode(foreign, keys, madeAt)).toMatchObject({ valid: false, reason: 'unknownKey' });
    const relabelled = foreign.replace(coolingKeyId(coolingPublicKey(otherSeed)), coolingKeyId(publicKey));
    expect(verifyCoolingCode(relabelled, keys, madeAt)).toMatchObject({
      valid: false,
      reason: 'badSignature',
    });
  });

  it('calls anything else malformed', () => {
    for (const text of [
      '',
      'hello',
      'AKC1....',
      `AKC2${signCoolingCode(seed, pseudonym, expiresAt).slice(4)}`,
    ]) {
      expect(verifyCoolingCode(text, keys, madeAt)).toStrictEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('base64url matches Node for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const encoded = toBase64Url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(encoded)).toStrictEqual(bytes);
      }),
    );
  });
});

describe('Env: the cooling-code key', () => {
  const deployed = {
    STAGE: 'prod',
    TABLE_NAME: 'ankang-prod',
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    WECHAT_APPID: 'wx0123456789',
    JWT_SECRET_PARAM: '/ankang/prod/jwt-secret',
    PSEUDONYM_KEY_PARAM: '/ankang/prod/pseudonym-key',
    COOLING_CODE_KEY_PARAM: '/ankang/prod/cooling-code-key',
    COOLING_CODE_KEY: '',
    FIELD_KEY_ID: 'arn:aws-cn:kms:cn-north-1:123456789012:key/field',
    LOOKUP_KEY_PARAM: '/ankang/prod/lookup-key',
  };

  it('is read from SSM on a deployed stage and refused there as a plain value', () => {
    expect(parseEnv(deployed).COOLING_CODE_KEY_PARAM).toBe('/ankang/prod/cooling-code-key');
    expect(() => parseEnv({ ...deployed, COOLING_CODE_KEY: 'c'.repeat(40) })).toThrow(
      /plain secrets[\s\S]*COOLING_CODE_KEY/,
    );
  });

  it('takes a plain value of at least 32 characters on the local stage', () => {
    const local = {
      ...deployed,
      STAGE: 'local',
      JWT_SECRET: 'j'.repeat(32),
      PSEUDONYM_KEY: 'p'.repeat(32),
      FIELD_MASTER_KEY: 'f'.repeat(32),
      LOOKUP_KEY: 'l'.repeat(32),
    };
    expect(() => parseEnv({ ...local, COOLING_CODE_KEY: 'short' })).toThrow(/COOLING_CODE_KEY/);
    expect(parseEnv({ ...local, COOLING_CODE_KEY: 'k'.repeat(32) }).COOLING_CODE_KEY).toBe('k'.repeat(32));
  });
});
