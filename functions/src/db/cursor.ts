import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { readSecret } from '../lib/secrets';

/**
 * What a cursor was issued for: the listing and the exact key condition it paged (partition and
 * sort-key prefix). A cursor only opens the query it came from.
 */
export type CursorScope = readonly [listing: string, partition: string, sortPrefix: string];

// Only string keys are paged; a signed cursor holding anything else was not made by us.
const keySchema = z.record(z.string(), z.string());

/** Own key for cursors, derived from the JWT secret so a cursor MAC can never pass as a token's. */
async function cursorKey(): Promise<Buffer> {
  return createHmac('sha256', await readSecret('jwt'))
    .update('ankang/cursor/v1')
    .digest();
}

async function signature(scope: CursorScope, payload: string): Promise<string> {
  return createHmac('sha256', await cursorKey())
    .update(JSON.stringify([...scope, payload]))
    .digest('base64url');
}

/**
 * LastEvaluatedKey → an opaque URL-safe cursor: the key and an HMAC over it and the scope. Signed
 * rather than checked against each index's key shape: one rule for every listing, and a cursor
 * edited in any way, or carried to another listing, partition or org, fails the same check.
 */
export async function encodeCursor(
  key: Record<string, unknown> | undefined,
  scope: CursorScope,
): Promise<string | undefined> {
  if (!key) return undefined;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${await signature(scope, payload)}`;
}

function badCursor(reason: string, cause?: unknown): AppError {
  return new AppError('BAD_CURSOR', { cause: cause ?? new Error(reason) });
}

/**
 * A cursor back to the ExclusiveStartKey it was made from, if it was made by encodeCursor for this
 * same scope; anything else is a 400 BAD_CURSOR before DynamoDB sees it.
 */
export async function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
): Promise<Record<string, unknown> | undefined> {
  if (!cursor) return undefined;
  const [payload, given, ...rest] = cursor.split('.');
  if (!payload || !given || rest.length > 0) throw badCursor('not <payload>.<signature>');
  const expected = Buffer.from(await signature(scope, payload));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw badCursor('signature does not match');
  }
  try {
    return keySchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch (cause) {
    throw badCursor('payload is not a key', cause);
  }
}
