import { type DeliveryReviewStatus, deliveryReviewStatuses } from '@ankang/shared';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { type DeliveryRecord, deliveryRecordSchema, deliveryToItem } from './deliveryItems';
import { indexPage } from './indexPage';
import { deliveryIndexKeys, deliveryKeys, indexes, keys, orgSubtreePrefix } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** A delivery as stored, or null. Read consistently: a retry must find what its first try wrote. */
export async function getDeliveryRecord(id: string): Promise<DeliveryRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: deliveryKeys.delivery(id), ConsistentRead: true }),
  );
  return Item ? deliveryRecordSchema.parse(Item) : null;
}

/** What became of a delivery write. */
export type DeliveryWriteOutcome =
  | 'saved'
  /** A new record's id is taken (a retry, a racing retry, or a reused id): nothing written. */
  | 'exists'
  /** The stored record is no longer at the expected version: nothing written. */
  | 'stale';

/**
 * Writes the whole record with `extra` (its tallies, its coverage count) in one transaction, so a
 * record and what counts it never disagree: a cancelled write counts nothing. `expectedVersion`
 * null stores a new record (its id must be free). A TransactionConflict is thrown for
 * retryOnConflict; failed conditions on the record are answered as outcomes.
 */
export async function writeDelivery(
  record: DeliveryRecord,
  expectedVersion: number | null,
  extra: readonly TransactItem[],
): Promise<DeliveryWriteOutcome> {
  const put: TransactItem = {
    Put: {
      TableName: tableName,
      Item: deliveryToItem(record),
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'attribute_exists(pk) AND version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [put, ...extra] }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled?.failed.has(0)) return expectedVersion === null ? 'exists' : 'stale';
    throw error;
  }
}

interface Page {
  limit: number;
  cursor?: string;
}

/** One page of the caller's deliveries in a campaign, newest delivery time first. */
export async function listDeliveriesOfVolunteer(
  userId: string,
  campaignId: string,
  page: Page,
): Promise<{ records: DeliveryRecord[]; nextCursor: string | null }> {
  const partition = deliveryIndexKeys.byVolunteerPartition(userId, campaignId);
  const scope: CursorScope = ['deliveriesByVolunteer', partition, ''];
  const query = { indexName: indexes.deliveriesByVolunteer, keys: 'gsi1', newestFirst: true } as const;
  const { items, nextCursor } = await indexPage(scope, query, page);
  return { records: items.map((item) => deliveryRecordSchema.parse(item)), nextCursor };
}

/** One query of a campaign's review queue in one status, within an org subtree. */
async function queueQuery(
  campaignId: string,
  status: DeliveryReviewStatus,
  orgPath: string,
  limit: number,
  startKey: Record<string, unknown> | undefined,
) {
  return db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.deliveryQueue,
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': deliveryIndexKeys.queuePartition(campaignId, status),
        ':prefix': orgSubtreePrefix(orgPath),
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
}

/**
 * Where a walk over every status of a campaign's subtree stands: the status being read and the
 * last key read in it (none: start of that status). Plain JSON, so a job can keep it.
 */
export interface DeliveryWalkPosition {
  status: DeliveryReviewStatus;
  lastKey?: Record<string, string>;
}

const positionSchema = z.object({
  status: z.enum(deliveryReviewStatuses),
  lastKey: z.record(z.string(), z.string()).optional(),
});

/**
 * Up to `limit` deliveries of a campaign within an org subtree, every review status (待审核 first,
 * then 有问题, 已通过, 未通过), each by org path then delivery time; `next` is where the following
 * call starts, null at the end. For the export job (whose position never leaves the server) and,
 * signed, for the staff listing. Never a Scan: queries of the queue index, bounded by `limit`.
 */
export async function pageDeliveriesInOrg(
  campaignId: string,
  orgPath: string,
  limit: number,
  from?: DeliveryWalkPosition,
): Promise<{ records: DeliveryRecord[]; next: DeliveryWalkPosition | null }> {
  const records: DeliveryRecord[] = [];
  let index = from ? deliveryReviewStatuses.indexOf(from.status) : 0;
  let startKey: Record<string, unknown> | undefined = from?.lastKey;
  while (index < deliveryReviewStatuses.length) {
    const status = deliveryReviewStatuses[index]!;
    const result = await queueQuery(campaignId, status, orgPath, limit - records.length, startKey);
    records.push(...(result.Items ?? []).map((item) => deliveryRecordSchema.parse(item)));
    if (result.LastEvaluatedKey) {
      startKey = result.LastEvaluatedKey;
      if (records.length >= limit) {
        return { records, next: { status, lastKey: result.LastEvaluatedKey as Record<string, string> } };
      }
      continue;
    }
    index += 1;
    startKey = undefined;
    if (records.length >= limit) break;
  }
  const next = index < deliveryReviewStatuses.length ? { status: deliveryReviewStatuses[index]! } : null;
  return { records, next };
}

/**
 * The staff queue: one page of a campaign's deliveries within an org subtree, in one review status
 * or (status absent) in all of them. The cursor is signed for this campaign, subtree and status.
 */
export async function listCampaignQueue(
  campaignId: string,
  status: DeliveryReviewStatus | undefined,
  orgPath: string,
  page: Page,
): Promise<{ records: DeliveryRecord[]; nextCursor: string | null }> {
  const scope: CursorScope = [
    `deliveryQueue@${status ?? '*'}`,
    deliveryIndexKeys.queuePartition(campaignId, '*'),
    orgSubtreePrefix(orgPath),
  ];
  const decoded = await decodeCursor(page.cursor, scope);
  // A signed cursor is ours; its shape is checked anyway so a change of format fails clearly.
  const from = decoded
    ? positionSchema.parse(JSON.parse(String(decoded.position)))
    : status
      ? { status }
      : undefined;
  // Unreachable with a cursor we signed (the status is part of its scope); refused alike if not.
  if (status && from && from.status !== status) throw new AppError('BAD_CURSOR');
  const walk = status
    ? await pageOneStatus(campaignId, status, orgPath, page.limit, from?.lastKey)
    : await pageDeliveriesInOrg(campaignId, orgPath, page.limit, from);
  const nextCursor = walk.next
    ? ((await encodeCursor({ position: JSON.stringify(walk.next) }, scope)) ?? null)
    : null;
  return { records: walk.records, nextCursor };
}

async function pageOneStatus(
  campaignId: string,
  status: DeliveryReviewStatus,
  orgPath: string,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ records: DeliveryRecord[]; next: DeliveryWalkPosition | null }> {
  const result = await queueQuery(campaignId, status, orgPath, limit, startKey);
  return {
    records: (result.Items ?? []).map((item) => deliveryRecordSchema.parse(item)),
    next: result.LastEvaluatedKey
      ? { status, lastKey: result.LastEvaluatedKey as Record<string, string> }
      : null,
  };
}

/** Several volunteer sign-ups' names (the dashboard's top volunteers), one batched read. */
export async function getVolunteerNames(ids: readonly string[]): Promise<Map<string, string>> {
  const items = await getItems(ids.map((id) => keys.volunteerSignup(id)));
  return new Map(items.map((item) => [String(item.id), String(item.name)]));
}
