import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { allowanceItem, type HandoutRecord, handoutRecordSchema, handoutToItem } from './handoutItems';
import { indexPage } from './indexPage';
import { handoutKeys, indexes, orgSubtreePrefix } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** A hand-out as stored, or null. Read consistently: a retry must find what its first try wrote. */
export async function getHandoutRecord(id: string): Promise<HandoutRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: handoutKeys.handout(id), ConsistentRead: true }),
  );
  return Item ? handoutRecordSchema.parse(Item) : null;
}

/** How many allowance items the worker got in the campaign that day (0 when none yet). */
export async function getAllowanceCount(
  campaignId: string,
  pseudonym: string,
  date: string,
): Promise<number> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: handoutKeys.allowance(campaignId, pseudonym, date),
      ConsistentRead: true,
    }),
  );
  return typeof Item?.count === 'number' ? Item.count : 0;
}

/** What became of a hand-out write. */
export type InsertHandoutOutcome =
  /** Stored, with its allowance count and the tallies. */
  | 'saved'
  /** The id is taken (a retry, or a racing copy of the same request). */
  | 'exists'
  /** Someone else counted a hand-out for this worker and day since `seenCount` was read. */
  | 'countMoved';

/**
 * Stores a new hand-out, moves the worker's day count from `seenCount` to `record.countThatDay`, and
 * applies `tallies` (the dashboard counters) — all in one transaction, so the count, the record and
 * the figures never disagree. The count moves only from the value read: two scans racing for a
 * worker's last allowance cannot both take it. A TransactionConflict is thrown as it is (the caller
 * runs it again through retryOnConflict).
 */
export async function insertHandout(
  record: HandoutRecord,
  seenCount: number,
  tallies: TransactItem[],
): Promise<InsertHandoutOutcome> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: handoutToItem(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: allowanceItem(record.campaignId, record.pseudonym, record.date, record.countThatDay),
        ...(seenCount === 0
          ? { ConditionExpression: 'attribute_not_exists(pk) OR #count = :zero' }
          : { ConditionExpression: '#count = :seen' }),
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: seenCount === 0 ? { ':zero': 0 } : { ':seen': seenCount },
      },
    },
    ...tallies,
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    if (cancelled.failed.has(0)) return 'exists';
    if (cancelled.failed.has(1)) return 'countMoved';
    throw error;
  }
}

/**
 * Replaces a hand-out that is still at `expectedVersion` (a review decision), applying `tallies`
 * in the same transaction. 'stale' when it changed meanwhile; a TransactionConflict is thrown.
 */
export async function replaceHandout(
  next: HandoutRecord,
  expectedVersion: number,
  tallies: TransactItem[],
): Promise<'saved' | 'stale'> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: handoutToItem(next),
              ConditionExpression: 'attribute_exists(pk) AND version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          ...tallies,
        ],
      }),
    );
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    if (cancelled.failed.has(0)) return 'stale';
    throw error;
  }
}

interface Page {
  limit: number;
  cursor?: string;
}

/** One page of what a user recorded in one campaign, newest first. */
export async function listHandoutsOfRecorder(
  userId: string,
  campaignId: string,
  page: Page,
): Promise<{ records: HandoutRecord[]; nextCursor: string | null }> {
  const scope = ['handoutsByRecorder', handoutKeys.byRecorderPartition(userId), `${campaignId}#`] as const;
  const query = { indexName: indexes.handoutsByRecorder, keys: 'gsi2', newestFirst: true } as const;
  const { items, nextCursor } = await indexPage(scope, query, page);
  return { records: items.map((item) => handoutRecordSchema.parse(item)), nextCursor };
}

/** One page of a campaign's hand-outs (flagged or the others) in an org subtree, by org then time. */
export async function listHandoutsOfCampaign(
  campaignId: string,
  flagged: boolean,
  within: string,
  page: Page,
): Promise<{ records: HandoutRecord[]; nextCursor: string | null }> {
  const partition = handoutKeys.byCampaignPartition(campaignId, flagged);
  const scope = ['handoutsByCampaign', partition, orgSubtreePrefix(within)] as const;
  const query = { indexName: indexes.handoutsByCampaign, keys: 'gsi1' } as const;
  const { items, nextCursor } = await indexPage(scope, query, page);
  return { records: items.map((item) => handoutRecordSchema.parse(item)), nextCursor };
}
