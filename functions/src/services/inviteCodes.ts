import { keyedHash } from '../lib/lookupHash';

/** 18 bytes: a 144-bit code, 24 base64url characters. */
const CODE_BYTES = 18;

/**
 * The one-time code of the invite `inviterId` makes with `requestId`: a keyed hash under the
 * server's lookup secret, so nobody without that secret can predict or forge one (144 bits), and
 * a retried create (same inviter, same request id) gets the same code again although the code is
 * never stored. Neither the request id nor the code is kept: only inviteIdOf(code).
 */
export async function inviteCodeFor(inviterId: string, requestId: string): Promise<string> {
  const hex = await keyedHash('inviteCode', `${inviterId}\u001f${requestId}`);
  return Buffer.from(hex, 'hex').subarray(0, CODE_BYTES).toString('base64url');
}

/** The stored id of the invite with this code: a keyed hash, so the code cannot be read back from it. */
export async function inviteIdOf(code: string): Promise<string> {
  return `inv_${(await keyedHash('invite', code)).slice(0, 32)}`;
}
