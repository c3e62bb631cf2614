import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../src/db/transactions';

/**
 * Writes an item unless its key exists, so seeding twice leaves the first run's data (and edits)
 * alone. 1 when written, 0 when it was there.
 */
export async function putIfAbsent(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<number> {
  try {
    await db.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0;
    throw error;
  }
}

/**
 * Adds index attributes a later release gave an existing seeded item (e.g. the staff-by-org index on
 * demo users seeded before it existed), leaving everything else of the item alone. 1 when added.
 */
export async function addMissingIndexKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
  index: Record<string, string>,
): Promise<number> {
  const names = Object.keys(index);
  if (names.length === 0) return 0;
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#n0)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, index[name]])),
      }),
    );
    return 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0;
    throw error;
  }
}

/**
 * Runs a transaction whose first entry puts a new record on the condition that it is absent, as the
 * API writes it with its counters; a record already there (seeded before) writes and counts
 * nothing. 1 when written, 0 when it was there.
 */
export async function transactIfAbsent(db: DynamoDBDocumentClient, items: TransactItem[]): Promise<number> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 1;
  } catch (error) {
    const exists =
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
    if (!exists) throw error;
    return 0;
  }
}

/**
 * A transaction item built by the API's own builders, pointed at the seed's table (the builders
 * name the function environment's), and marked demo when it is a Put.
 */
export function demoItemIn(tableName: string, item: TransactItem): TransactItem {
  if (item.Put) return { Put: { ...item.Put, TableName: tableName, Item: { ...item.Put.Item, demo: true } } };
  if (item.Update) return { Update: { ...item.Update, TableName: tableName } };
  if (item.ConditionCheck) return { ConditionCheck: { ...item.ConditionCheck, TableName: tableName } };
  throw new Error('a demo transaction only puts, updates and checks');
}
