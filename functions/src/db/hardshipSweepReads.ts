import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import {
  type AlertRecord,
  alertRecordSchema,
  type MonitorRecord,
  monitorRecordSchema,
} from './hardshipAlertItems';
import { hardshipAlertKeys, indexes } from './keys';

/**
 * The daily sweep's reads: pages of the two date indexes (gsi3), one shard at a time. Both are
 * sparse and keyed `<date>#<id>`, so "due on or before a day" is a sort-key range, never a Scan.
 */

export type StartKey = Record<string, unknown> | undefined;

export interface SweepPage<T> {
  records: T[];
  /**
   * Keys (`pk`) of the page's items that do not parse: skipped, so one bad item (a hand edit, a
   * half-migrated record) never stops its shard; the run counts them and logs where they are.
   */
  unreadable: string[];
  /** Where the next page starts; undefined after the last. */
  lastKey: StartKey;
}

type Parsed<T> = { success: true; data: T } | { success: false };

async function page<T>(
  input: { index: string; pk: string; condition: string; values: Record<string, string> },
  schema: { safeParse: (item: unknown) => Parsed<T> },
  limit: number,
  startKey: StartKey,
): Promise<SweepPage<T>> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: input.index,
      KeyConditionExpression: `gsi3pk = :pk AND ${input.condition}`,
      ExpressionAttributeValues: { ':pk': input.pk, ...input.values },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const records: T[] = [];
  const unreadable: string[] = [];
  for (const item of result.Items ?? []) {
    const parsed = schema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else unreadable.push(String(item.pk));
  }
  return { records, unreadable, lastKey: result.LastEvaluatedKey };
}

/** Monitors of one shard whose check date is `today` or earlier (a missed day is caught up). */
export function pageMonitorsToCheck(
  shard: number,
  today: string,
  limit: number,
  startKey?: StartKey,
): Promise<SweepPage<MonitorRecord>> {
  return page(
    {
      index: indexes.monitorByCheckDate,
      pk: hardshipAlertKeys.monitorCheckPartition(shard),
      // `~` sorts after every id character, so the whole of today is in range.
      condition: 'gsi3sk <= :until',
      values: { ':until': `${today}#~` },
    },
    monitorRecordSchema,
    limit,
    startKey,
  );
}

/** Unresolved, not exhausted alerts of one shard due before `today` (overdue: dueOn < today). */
export function pageAlertsDueBefore(
  shard: number,
  today: string,
  limit: number,
  startKey?: StartKey,
): Promise<SweepPage<AlertRecord>> {
  return page(
    {
      index: indexes.alertsByDue,
      pk: hardshipAlertKeys.duePartition(shard),
      // `<dueOn>#<id>` < `<today>` exactly when dueOn < today.
      condition: 'gsi3sk < :today',
      values: { ':today': today },
    },
    alertRecordSchema,
    limit,
    startKey,
  );
}

/** Unresolved, not exhausted alerts of one shard due on `date`. */
export function pageAlertsDueOn(
  shard: number,
  date: string,
  limit: number,
  startKey?: StartKey,
): Promise<SweepPage<AlertRecord>> {
  return page(
    {
      index: indexes.alertsByDue,
      pk: hardshipAlertKeys.duePartition(shard),
      condition: 'begins_with(gsi3sk, :date)',
      values: { ':date': `${date}#` },
    },
    alertRecordSchema,
    limit,
    startKey,
  );
}
