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

/**
 * Unresolved, not exhausted alerts of one shard due before a day (overdue: dueOn < that day) or on
 * a day. The sort key is `<dueOn>#<id>`: "before" is `< <day>`, "on" is a `<day>#` prefix.
 */
export function pageAlertsDue(
  shard: number,
  due: { before: string } | { on: string },
  limit: number,
  startKey?: StartKey,
): Promise<SweepPage<AlertRecord>> {
  const range =
    'before' in due
      ? { condition: 'gsi3sk < :day', values: { ':day': due.before } }
      : { condition: 'begins_with(gsi3sk, :day)', values: { ':day': `${due.on}#` } };
  return page(
    { index: indexes.alertsByDue, pk: hardshipAlertKeys.duePartition(shard), ...range },
    alertRecordSchema,
    limit,
    startKey,
  );
}
