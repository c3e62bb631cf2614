import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AssignmentRecord,
  assignmentRecordSchema,
  assignmentToItem,
  type VolunteerSlot,
  volunteerSlotItem,
} from './assignmentItems';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, keys, orgSubtreePrefix, outreachIndexKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** An assignment as stored, or null. Read consistently: a retry must find what its first try wrote. */
export async function getAssignmentRecord(id: string): Promise<AssignmentRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.assignment(id), ConsistentRead: true }),
  );
  return Item ? assignmentRecordSchema.parse(Item) : null;
}

/** What became of an assignment write. */
export type SaveAssignmentOutcome =
  /** Written, with its slot locks. */
  | 'saved'
  /** A new task's id is taken (a retry, or another request for the same site and half day). */
  | 'exists'
  /** The stored task is no longer at the expected version. */
  | 'stale'
  /** The volunteer already holds another live task in that half day. */
  | 'slotTaken'
  /** A concurrent transaction touched one of the items: nothing written, try again. */
  | 'conflict';

function takeSlot(slot: VolunteerSlot, assignmentId: string, at: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: volunteerSlotItem(slot, assignmentId, at),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Gives the slot up if this task holds it (or nobody does); another task's hold is never touched. */
function releaseSlot(slot: VolunteerSlot, assignmentId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.volunteerSlot(slot.volunteerSignupId, slot.date, slot.slot),
      ConditionExpression: 'attribute_not_exists(pk) OR assignmentId = :id',
      ExpressionAttributeValues: { ':id': assignmentId },
    },
  };
}

/**
 * Writes the whole task (it is small: the site snapshot and at most a bounded history) and moves the
 * volunteer slot locks in one transaction, so a task and the half days it holds never disagree.
 * `expectedVersion` null stores a new task (its id must be free); otherwise the stored task must
 * still be at that version. `release` is the half day the task gives up, `take` the one it takes.
 */
export async function saveAssignment(
  next: AssignmentRecord,
  expectedVersion: number | null,
  slots: { release?: VolunteerSlot | null; take?: VolunteerSlot | null } = {},
): Promise<SaveAssignmentOutcome> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: assignmentToItem(next),
        ...(expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'attribute_exists(pk) AND version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      },
    },
  ];
  const releaseAt = slots.release ? items.push(releaseSlot(slots.release, next.id)) - 1 : -1;
  const takeAt = slots.take ? items.push(takeSlot(slots.take, next.id, next.updatedAt)) - 1 : -1;
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    // The task's own condition first: a retry whose slot is held by its own first try is a retry.
    if (cancelled.failed.has(0)) return expectedVersion === null ? 'exists' : 'stale';
    if (cancelled.failed.has(takeAt)) return 'slotTaken';
    if (cancelled.failed.has(releaseAt)) {
      // Only this task's writes hold or release its volunteer's half day while it is live.
      throw new Error(`slot lock of ${next.id} is held by another task`);
    }
    return 'conflict';
  }
}

/** One page of the board: a campaign's tasks on one date, morning first, then by id. */
export async function listAssignmentsOnDate(
  campaignId: string,
  date: string,
  page: { limit: number; cursor?: string; within: string | null },
): Promise<{ records: AssignmentRecord[]; nextCursor: string | null }> {
  const partition = outreachIndexKeys.assignmentDatePartition(date);
  const prefix = `${campaignId}#`;
  // The cursor is bound to the district filter too, so one page's cursor never opens another's view.
  const scope = [`assignmentsByDate@${page.within ?? '*'}`, partition, prefix] as const;
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.assignmentsByDate,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ...(page.within ? { FilterExpression: 'orgPath = :org OR begins_with(orgPath, :subtree)' } : {}),
      ExpressionAttributeValues: {
        ':pk': partition,
        ':prefix': prefix,
        ...(page.within ? { ':org': page.within, ':subtree': orgSubtreePrefix(page.within) } : {}),
      },
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    }),
  );
  return {
    records: (result.Items ?? []).map((item) => assignmentRecordSchema.parse(item)),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

/** The tasks a user holds from `fromDate` on, by date and half day, at most `limit`. */
export async function listAssignmentsOfVolunteer(
  userId: string,
  fromDate: string,
  limit: number,
): Promise<AssignmentRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.assignmentsByVolunteer,
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :from',
      ExpressionAttributeValues: {
        ':pk': outreachIndexKeys.assignmentVolunteerPartition(userId),
        ':from': fromDate,
      },
      Limit: limit,
    }),
  );
  return Items.map((item) => assignmentRecordSchema.parse(item));
}

/**
 * One page of every campaign's live (waiting or accepted) tasks on one date, for the reminder job.
 * `startKey` is the previous page's `lastKey`; it never leaves the job, so it is not signed.
 */
export async function pageLiveAssignmentsOnDate(
  date: string,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ records: AssignmentRecord[]; lastKey?: Record<string, unknown> }> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.assignmentsByDate,
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: '#status IN (:assigned, :accepted)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': outreachIndexKeys.assignmentDatePartition(date),
        ':assigned': 'assigned',
        ':accepted': 'accepted',
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    records: (result.Items ?? []).map((item) => assignmentRecordSchema.parse(item)),
    lastKey: result.LastEvaluatedKey,
  };
}
