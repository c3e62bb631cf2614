import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

// noble needs a synchronous SHA-512 for sign/verify; its own async fallback wants WebCrypto,
// which the mini-program engine lacks.
ed.hashes.sha512 = sha512;

/**
 * A worker's 清凉码: compact ASCII text (it fits a small QR code) that a volunteer's phone can check
 * offline with the cached public keys:
 *
 *   AKC1.<key id>.<pseudonym>.<expiry>.<signature>
 *
 * version tag `AKC1`; key id 8 hex (a hash of the public key, so rotating keys never clash);
 * pseudonym 32 hex (a keyed HMAC of the user id, purpose 'cooling' — never the openid or phone);
 * expiry in Unix seconds, base 36; an Ed25519 signature (base64url, 86 chars) over everything before
 * the last dot. Only the server holds the private key; anyone may verify.
 */
export const COOLING_CODE_VERSION = 'AKC1';
/** How long a code is valid after it is made. */
export const COOLING_CODE_TTL_SECONDS = 600;
/** Clock difference between the worker's code and the scanning phone that is still accepted. */
export const COOLING_CODE_SKEW_SECONDS = 120;

const codePattern = /^AKC1\.([0-9a-f]{8})\.([0-9a-f]{32})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{86})$/;

export interface CoolingCodeClaims {
  keyId: string;
  pseudonym: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type CoolingCodeReason = 'malformed' | 'unknownKey' | 'badSignature' | 'expired' | 'notYetValid';

export type CoolingCodeVerdict =
  | { valid: true; claims: CoolingCodeClaims }
  | { valid: false; reason: CoolingCodeReason; claims?: CoolingCodeClaims };

/** What a person is told for each verdict (scan page, server message details). */
export const coolingCodeReasonLabels: Record<CoolingCodeReason, string> = {
  malformed: '不是清凉码',
  unknownKey: '无效：签发密钥未知，请联网后重试',
  badSignature: '无效：清凉码被改动或伪造',
  expired: '已过期：请职工刷新清凉码',
  notYetValid: '无效：清凉码的时间晚于发放时间',
};

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding; no Buffer or btoa (neither exists in the mini-program engine). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c += 1) out += B64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Decodes base64url; null for any character outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = B64URL.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The token is ASCII by construction (TextEncoder is missing on older mini-program engines). */
function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0x7f);
}

/** The id of a public key: the first 4 bytes of its SHA-256, hex. */
export function coolingKeyId(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey).slice(0, 4));
}

/** The public key of a 32-byte private key seed. */
export function coolingPublicKey(seed: Uint8Array): Uint8Array {
  return ed.getPublicKey(seed);
}

/** Signs a code for `pseudonym` (32 hex) valid until `expiresAt` (Unix seconds). Server side only. */
export function signCoolingCode(seed: Uint8Array, pseudonym: string, expiresAt: number): string {
  const keyId = coolingKeyId(coolingPublicKey(seed));
  const message = [COOLING_CODE_VERSION, keyId, pseudonym, expiresAt.toString(36)].join('.');
  if (!codePattern.test(`${message}.${'A'.repeat(86)}`)) {
    throw new Error('cooling code parts out of range');
  }
  return `${message}.${toBase64Url(ed.sign(asciiBytes(message), seed))}`;
}

/** The claims of a well-formed code, unverified; null when it is not one. */
export function parseCoolingCode(text: string): CoolingCodeClaims | null {
  const match = codePattern.exec(text.trim());
  if (!match) return null;
  return { keyId: match[1]!, pseudonym: match[2]!, expiresAt: Number.parseInt(match[3]!, 36) };
}

/**
 * Checks a code against the known public keys (id → base64url key) at time `at` (ms since the
 * epoch: now when scanning, the hand-out time when the server receives a queued record). Valid
 * means: well formed, signed by a known key, and `at` inside [made − skew, expiry + skew].
 */
export function verifyCoolingCode(
  text: string,
  publicKeys: Readonly<Record<string, string>>,
  at: number,
): CoolingCodeVerdict {
  const trimmed = text.trim();
  const claims = parseCoolingCode(trimmed);
  if (!claims) return { valid: false, reason: 'malformed' };
  const encodedKey = publicKeys[claims.keyId];
  const publicKey = encodedKey ? fromBase64Url(encodedKey) : null;
  if (publicKey?.length !== 32) return { valid: false, reason: 'unknownKey', claims };
  const cut = trimmed.lastIndexOf('.');
  const encodedSignature = trimmed.slice(cut + 1);
  const signature = fromBase64Url(encodedSignature);
  // Only the canonical spelling counts: the spare low bits of the last character must be zero.
  if (signature?.length !== 64 || toBase64Url(signature) !== encodedSignature) {
    return { valid: false, reason: 'badSignature', claims };
  }
  let good = false;
  try {
    good = ed.verify(signature, asciiBytes(trimmed.slice(0, cut)), publicKey, { zip215: false });
  } catch {
    good = false;
  }
  if (!good) return { valid: false, reason: 'badSignature', claims };
  const seconds = at / 1000;
  if (seconds > claims.expiresAt + COOLING_CODE_SKEW_SECONDS)
    return { valid: false, reason: 'expired', claims };
  if (seconds < claims.expiresAt - COOLING_CODE_TTL_SECONDS - COOLING_CODE_SKEW_SECONDS) {
    return { valid: false, reason: 'notYetValid', claims };
  }
  return { valid: true, claims };
}
