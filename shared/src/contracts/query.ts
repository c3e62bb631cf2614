import { z } from 'zod';

/** A query-string flag: `true`/`1` is on, `false`/`0`/absent is off. */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** A comma-separated query-string list of enum values, e.g. `amenities=water,toilet`. */
export function queryList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').filter(Boolean) : []))
    .pipe(z.array(item).max(20));
}

/** An opaque pagination cursor handed back by a previous page. */
export const cursorSchema = z.string().max(2048).optional();

/**
 * A number from the query string. An empty value counts as missing: `z.coerce.number()` alone
 * would read `lat=` as 0, a valid point in the ocean, instead of refusing it.
 */
export function queryNumber() {
  return z.preprocess(
    (value) => (value === '' || value === undefined ? undefined : Number(value)),
    z.unknown(),
  );
}
