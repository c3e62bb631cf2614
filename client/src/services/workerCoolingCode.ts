import { type ContractOutput, getCoolingCode } from '@ankang/shared';
import { call } from './api';

// The worker's side only fetches and shows its code; checking codes (and the crypto library that
// needs) lives in coolingCodes.ts, used by the scan page alone.

export type CoolingCodeView = ContractOutput<typeof getCoolingCode>;

/** The worker's current code (10 minutes). */
export function fetchCoolingCode(): Promise<CoolingCodeView> {
  return call(getCoolingCode, {});
}
