import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { testTableName } from '../support/stack';

/**
 * The resilience stack's table, read apart from the code under test (its own client, the local
 * credentials DynamoDB Local takes).
 */
export const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('resilienceDynamo').endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

/** Every item of the table, by `pk sk`, each as a canonical text: equal texts, equal items. */
export type Snapshot = Map<string, string>;

/** JSON with object keys sorted and sets as sorted arrays, so one item always prints the same. */
function canonical(value: unknown): unknown {
  if (value instanceof Set) return { set: [...value].map(canonical).sort() };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
  }
  return value;
}

export const itemKey = (item: Record<string, unknown>) => `${String(item.pk)} ${String(item.sk)}`;

/** The whole table now: a consistent Scan, page by page. */
export async function snapshot(): Promise<Snapshot> {
  const items: Snapshot = new Map();
  let start: Record<string, unknown> | undefined;
  // The table is the demo seed plus what one run adds: a few thousand items, a handful of pages.
  for (let page = 0; page < 1000; page += 1) {
    const answer = await table.send(
      new ScanCommand({ TableName: testTableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of answer.Items ?? []) items.set(itemKey(item), JSON.stringify(canonical(item)));
    start = answer.LastEvaluatedKey;
    if (!start) return items;
  }
  throw new Error('the table did not fit in 1000 Scan pages');
}

/**
 * Items a request writes even when it is then refused, by design, by key prefix, each with why.
 * Nothing else may change while only refusals were answered (a token is checked, never stored).
 */
export const writtenWhenRefused: { prefix: string; why: string }[] = [
  {
    prefix: 'QUOTA#search#',
    why:
      'GET /stations counts a search against its caller’s minute before reading anything ' +
      '(searchStationsFor), so a search refused after its schema passed (PLACE_NOT_FOUND, ' +
      'BAD_CURSOR, SEARCH_RATE_LIMITED) has counted: a script cannot probe for free',
  },
];

/** The keys of items added, removed or changed between two snapshots, but for those above. */
export function changedKeys(before: Snapshot, after: Snapshot): string[] {
  const changed = [...after].filter(([key, text]) => before.get(key) !== text).map(([key]) => key);
  const removed = [...before.keys()].filter((key) => !after.has(key));
  return [...changed, ...removed]
    .filter((key) => !writtenWhenRefused.some((allowed) => key.startsWith(allowed.prefix)))
    .sort();
}
