import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { deliveryKeys } from './keys';
import {
  addTallyItem,
  buildTallyUpdates,
  emptyTallySums,
  type TallyChange,
  type TallySums,
} from './tallyItems';
import type { TransactItem } from './transactions';

export {
  addTallyItem,
  emptyTallySums,
  TALLY_SHARDS,
  type TallyChange,
  type TallyCounts,
  type TallyDelta,
  type TallySums,
  tallyLevels,
} from './tallyItems';

/**
 * The Update entries that count `changes` for a campaign, to put in the same TransactWriteItems as
 * the record they count (see buildTallyUpdates: one entry per org level and date, one random shard
 * per call, what cancels out not written).
 */
export function tallyUpdates(
  campaign: { id: string; orgPath: string },
  changes: readonly TallyChange[],
  at?: string,
  shard?: number,
): TransactItem[] {
  return buildTallyUpdates(tableName, campaign, changes, at, shard);
}

/** The same as tallyUpdates for one change (a hand-out, a new delivery). */
export function tallyUpdate(campaign: { id: string; orgPath: string }, change: TallyChange): TransactItem[] {
  return tallyUpdates(campaign, [change]);
}

/**
 * Sums a node's counters over every date and shard: one query of the node's partition, paged; the
 * partition holds at most season days × TALLY_SHARDS items. Read consistently, so a dashboard
 * opened right after a write shows it.
 */
export async function readTallies(campaignId: string, node: string): Promise<TallySums> {
  const sums = emptyTallySums();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': deliveryKeys.tallyPartition(campaignId, node) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) addTallyItem(sums, item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return sums;
}
