import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;

/** BatchGetItem takes at most 100 keys a request. */
const BATCH = 100;
/** Rounds for keys DynamoDB left unprocessed (throttling) before giving up. */
const MAX_ROUNDS = 8;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One BatchGet of ≤ 100 keys, retrying what DynamoDB left unprocessed with exponential backoff. */
async function getBatch(batch: Key[], consistent: boolean): Promise<Item[]> {
  const items: Item[] = [];
  let pending = batch;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round === MAX_ROUNDS) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
    if (round > 0) await pause(25 * 2 ** round);
    const { Responses, UnprocessedKeys } = await db.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}) } },
      }),
    );
    items.push(...(Responses?.[tableName] ?? []));
    pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return items;
}

/**
 * The items for any number of keys (duplicates read once), in batches of 100, all in flight at
 * once; missing items are simply absent. Callers bound the key count. `consistent` for items a
 * conditional write will be decided on.
 */
export async function getItems(keys: Key[], options: { consistent?: boolean } = {}): Promise<Item[]> {
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  const batches: Key[][] = [];
  for (let i = 0; i < unique.length; i += BATCH) batches.push(unique.slice(i, i + BATCH));
  return (await Promise.all(batches.map((batch) => getBatch(batch, options.consistent === true)))).flat();
}
