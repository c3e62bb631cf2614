import { z } from 'zod';

/**
 * The enum of a label record's keys, in the record's order: one record names both the allowed
 * values and the Chinese words shown for them, so the two cannot drift.
 */
export function labelEnum<K extends string>(labels: Record<K, string>) {
  return z.enum(Object.keys(labels) as [K, ...K[]]);
}
