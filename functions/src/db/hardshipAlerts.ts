import { shanghaiDate } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertRecordSchema,
  alertSlotRecordSchema,
  type MonitorRecord,
  monitorRecordSchema,
  monitorToItem,
  slotRelease,
} from './hardshipAlertItems';
import { type HardshipFileRecord, hardshipFileRecordSchema } from './hardshipItems';
import { type VisitRecord, visitRecordSchema } from './hardshipVisitItems';
import { hardshipAlertKeys, hardshipKeys, hardshipVisitKeys } from './keys';
import type { TransactItem } from './transactions';

/** An alert as stored, or null. Read consistently: a transition decides on what was last written. */
export async function getAlert(id: string): Promise<AlertRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipAlertKeys.alert(id), ConsistentRead: true }),
  );
  return Item ? alertRecordSchema.parse(Item) : null;
}

/** A household's slot for one rule, or null when that rule never raised for it. */
export async function getAlertSlot(fileId: string, rule: string): Promise<AlertSlotRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipAlertKeys.slot(fileId, rule), ConsistentRead: true }),
  );
  return Item ? alertSlotRecordSchema.parse(Item) : null;
}

/**
 * Alerts by id, as stored (resolved ones too), read consistently in one BatchGet: a household's
 * slots name at most one per rule. Missing ones are absent from the map.
 */
export async function getAlertsById(ids: readonly string[]): Promise<Map<string, AlertRecord>> {
  if (ids.length === 0) return new Map();
  const items = await getItems(
    ids.map((id) => hardshipAlertKeys.alert(id)),
    { consistent: true },
  );
  return new Map(items.map((item) => alertRecordSchema.parse(item)).map((alert) => [alert.id, alert]));
}

/**
 * The open alerts of a household, one per rule at most (its slots name them): one Query of its
 * `ALERTRULE#` items and one consistent BatchGet of the open ones.
 */
export async function listOpenAlertsOfFile(fileId: string): Promise<AlertRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': hardshipKeys.file(fileId).pk,
        ':prefix': hardshipAlertKeys.slotPrefix,
      },
      ConsistentRead: true,
    }),
  );
  const ids = Items.map((item) => alertSlotRecordSchema.parse(item).openAlertId).filter(
    (id): id is string => id !== undefined,
  );
  const alerts = await getAlertsById(ids);
  return [...alerts.values()].filter((alert) => alert.status !== 'resolved');
}

/**
 * Visits a review reads, newest first. exitReview looks furthest back: a run of up to 36 months
 * (the policy's maximum), which at monthly visits plus corrections stays well inside 60.
 */
export const REVIEW_VISITS = 60;

/** What a review of one household reads. */
export interface HouseholdForReview {
  file: HardshipFileRecord | null;
  slots: Map<string, AlertSlotRecord>;
  monitor: MonitorRecord | null;
  /** The latest REVIEW_VISITS visits, newest first. */
  visits: VisitRecord[];
  itemsRead: number;
}

/**
 * A household's file, rule slots, monitor and latest visits, in two consistent Queries, both
 * bounded whatever the partition holds: its slots, file and monitor (one range, a few items), then
 * its latest REVIEW_VISITS visits. In that order: a visit committed in between moved the monitor's
 * version, so the review's monitor write fails and leaves "check today" for the sweep rather than
 * hiding an unseen visit. (One Query of the whole partition would save a request but read every
 * visit ever made, up to 1 MB, to use 60.)
 */
export async function readHouseholdForReview(fileId: string): Promise<HouseholdForReview> {
  const partition = hardshipKeys.file(fileId).pk;
  const meta = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': partition,
        ':from': hardshipAlertKeys.slotPrefix,
        ':to': hardshipAlertKeys.monitor(fileId).sk,
      },
      ConsistentRead: true,
    }),
  );
  const visits = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': hardshipVisitKeys.visitPrefix },
      ScanIndexForward: false,
      Limit: REVIEW_VISITS,
      ConsistentRead: true,
    }),
  );
  const metaItems = meta.Items ?? [];
  const visitItems = visits.Items ?? [];
  return householdOf(metaItems, visitItems, metaItems.length + visitItems.length);
}

/** The review's view of the items read: visit items newest first; other types ignored. */
function householdOf(
  metaItems: readonly Record<string, unknown>[],
  visitItems: readonly Record<string, unknown>[],
  itemsRead: number,
): HouseholdForReview {
  const found: HouseholdForReview = {
    file: null,
    slots: new Map(),
    monitor: null,
    visits: visitItems.map((item) => visitRecordSchema.parse(item)),
    itemsRead,
  };
  for (const item of metaItems) {
    if (item.type === 'HardshipFile') found.file = hardshipFileRecordSchema.parse(item);
    else if (item.type === 'HardshipMonitor') found.monitor = monitorRecordSchema.parse(item);
    else if (item.type === 'HardshipAlertSlot') {
      const slot = alertSlotRecordSchema.parse(item);
      found.slots.set(slot.rule, slot);
    }
  }
  return found;
}

/**
 * The household's monitor set to "check today" (the Shanghai day of `at`, the write's own time),
 * for the transaction of a file create, edit, visit, import or 重新建档: should the review after the
 * commit not happen, the sweep finds the household today. Creates the monitor when there is none;
 * keeps its last review time.
 */
export function monitorCheckTodayPut(fileId: string, orgPath: string, at: string): TransactItem {
  const today = shanghaiDate(new Date(at));
  const index = hardshipAlertKeys.monitorCheck(fileId, today);
  return {
    Update: {
      TableName: tableName,
      Key: hardshipAlertKeys.monitor(fileId),
      UpdateExpression:
        'SET #type = :type, fileId = :file, orgPath = :org, checkOn = :today, gsi3pk = :gpk, gsi3sk = :gsk, updatedAt = :at ADD version :one',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'HardshipMonitor',
        ':file': fileId,
        ':org': orgPath,
        ':today': today,
        ':gpk': index.gsi3pk,
        ':gsk': index.gsi3sk,
        ':at': at,
        ':one': 1,
      },
    },
  };
}

/**
 * Moves a monitor to its next check date after a review, over the version the review read (absent:
 * `expectedVersion` null). False when a write since then set "check today" again: that one stands.
 */
export async function putMonitorAfterReview(
  record: MonitorRecord,
  expectedVersion: number | null,
): Promise<boolean> {
  const condition =
    expectedVersion === null
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } };
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: monitorToItem(record), ...condition }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Releases a rule slot that still names alert `alertId` (with that alert's basis remembered, when
 * known), over the version read. False when the slot moved since: the caller reads it again.
 */
export async function releaseSlot(
  slot: AlertSlotRecord,
  alertId: string,
  basis: string | null,
  at: string,
): Promise<boolean> {
  const { Put } = slotRelease(slot, alertId, basis, at);
  try {
    await db.send(new PutCommand(Put!));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Deletes the monitor of a household whose file is gone, over the version read, so the sweep stops
 * finding it. False when it moved since (a write set "check today" again): the next review decides.
 */
export async function deleteOrphanMonitor(fileId: string, expectedVersion: number): Promise<boolean> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: hardshipAlertKeys.monitor(fileId),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
