import {
  COOLING_CODE_TTL_SECONDS,
  type CoolingCodeKeys,
  type CoolingCodeView,
  signCoolingCode,
} from '@ankang/shared';
import { now } from '../lib/clock';
import { coolingSigningKey } from '../lib/coolingKeys';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';

/** The page fetches a new code this long before the old one expires, so a scan never meets a stale one. */
const REFRESH_BEFORE_S = 120;

/**
 * The worker's pseudonym in 清凉码: one per person (the allowance is per person and day), keyed so
 * only the server can link it to the user, and never the openid or phone.
 */
export function coolingPseudonym(userId: string): Promise<string> {
  return pseudonym('cooling', userId);
}

/** A fresh signed code for the caller, valid for 10 minutes. */
export async function getCoolingCode(caller: Caller): Promise<CoolingCodeView> {
  const [key, who] = await Promise.all([coolingSigningKey(), coolingPseudonym(caller.userId)]);
  const expiresAt = Math.floor(now().getTime() / 1000) + COOLING_CODE_TTL_SECONDS;
  return {
    code: signCoolingCode(key.seed, who, expiresAt),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    refreshAt: new Date((expiresAt - REFRESH_BEFORE_S) * 1000).toISOString(),
  };
}

/** The public keys scanning phones cache to verify codes offline. */
export async function listCoolingCodeKeys(): Promise<CoolingCodeKeys> {
  const key = await coolingSigningKey();
  return { keys: [{ id: key.id, publicKey: key.publicKey }] };
}
