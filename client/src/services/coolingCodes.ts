import {
  type ContractOutput,
  type CoolingCodeVerdict,
  type createHandout,
  listCoolingCodeKeys,
  listMyHandouts,
  shanghaiDate,
  verifyCoolingCode,
} from '@ankang/shared';
import { platform } from '../platform';
import { call } from './api';

export type HandoutView = ContractOutput<typeof createHandout>;

const keysStorage = 'ankang.cooling.keys';
const countsStorage = 'ankang.cooling.counts';

/** The public keys kept on the phone: what verifies codes while there is no signal. */
export function cachedCoolingKeys(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(platform.storage.get(keysStorage) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** Fetches the keys and keeps them (added to those already kept: a code signed just before a rotation still checks). */
export async function refreshCoolingKeys(): Promise<Record<string, string>> {
  const { keys } = await call(listCoolingCodeKeys, {});
  const merged = { ...cachedCoolingKeys(), ...Object.fromEntries(keys.map((k) => [k.id, k.publicKey])) };
  platform.storage.set(keysStorage, JSON.stringify(merged));
  return merged;
}

/** Checks a scanned code on the phone with the kept keys, at `at` (now). */
export function verifyScanned(code: string, at: number): CoolingCodeVerdict {
  return verifyCoolingCode(code, cachedCoolingKeys(), at);
}

type Counts = Record<string, number>;

function readCounts(): Counts {
  try {
    const parsed: unknown = JSON.parse(platform.storage.get(countsStorage) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Counts) : {};
  } catch {
    return {};
  }
}

const countKey = (campaignId: string, pseudonym: string, date: string) =>
  `${date}|${campaignId}|${pseudonym}`;

/** How many this phone handed to the worker today in the campaign (what it knows offline). */
export function localCountToday(campaignId: string, pseudonym: string, now = new Date()): number {
  return readCounts()[countKey(campaignId, pseudonym, shanghaiDate(now))] ?? 0;
}

/** Counts one more hand-out on this phone; only today's counts are kept. */
export function countLocally(campaignId: string, pseudonym: string, now = new Date()): void {
  const today = shanghaiDate(now);
  const kept = Object.fromEntries(
    Object.entries(readCounts()).filter(([key]) => key.startsWith(`${today}|`)),
  );
  const key = countKey(campaignId, pseudonym, today);
  kept[key] = (kept[key] ?? 0) + 1;
  platform.storage.set(countsStorage, JSON.stringify(kept));
}

/** The volunteer's recent hand-outs in a campaign (newest first, 20). */
export async function fetchMyHandouts(campaignId: string): Promise<HandoutView[]> {
  const page = await call(listMyHandouts, { query: { campaignId } });
  return page.handouts;
}
