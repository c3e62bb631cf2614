import type { SignupStatus } from '@ankang/shared';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { indexPage } from './indexPage';
import { indexes, keys, orgSubtreePrefix, outreachIndexKeys } from './keys';
import { volunteerSignupToItem, worksiteSignupToItem } from './signupItems';
import {
  type VolunteerSignupRecord,
  volunteerSignupRecordSchema,
  type WorksiteSignupRecord,
  worksiteSignupRecordSchema,
} from './signupRecords';
import { cancellationOf, type TransactItem } from './transactions';

/** A worksite sign-up as stored, or null. Read consistently: a retried submit must find its first. */
export async function getWorksiteSignupRecord(id: string): Promise<WorksiteSignupRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.worksiteSignup(id), ConsistentRead: true }),
  );
  return Item ? worksiteSignupRecordSchema.parse(Item) : null;
}

/** A volunteer sign-up as stored, or null (read consistently, as above). */
export async function getVolunteerSignupRecord(id: string): Promise<VolunteerSignupRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.volunteerSignup(id), ConsistentRead: true }),
  );
  return Item ? volunteerSignupRecordSchema.parse(Item) : null;
}

/** What became of a new sign-up: stored, or which condition refused it. */
export type InsertSignupOutcome =
  /** Stored and counted against the applicant's daily quota. */
  | 'inserted'
  /** A sign-up with this id exists (a retry, or a second sign-up for the same campaign): nothing written. */
  | 'exists'
  /** The applicant's daily quota is used up: nothing written. */
  | 'overQuota'
  /** A concurrent transaction touched one of the items: nothing written, try again. */
  | 'conflict';

/** The sign-up and its quota count in one transaction: a refused or retried submit counts nothing. */
async function insertOnce(item: Record<string, unknown>, quota: TransactItem): Promise<InsertSignupOutcome> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          quota,
        ],
      }),
    );
    return 'inserted';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    // The sign-up's own condition first: a retry at the cap is a retry, not a refusal.
    if (cancelled.failed.has(0)) return 'exists';
    if (cancelled.failed.has(1)) return 'overQuota';
    return 'conflict';
  }
}

export function insertWorksiteSignup(
  record: WorksiteSignupRecord,
  quota: TransactItem,
): Promise<InsertSignupOutcome> {
  return insertOnce(worksiteSignupToItem(record), quota);
}

export function insertVolunteerSignup(
  record: VolunteerSignupRecord,
  quota: TransactItem,
): Promise<InsertSignupOutcome> {
  return insertOnce(volunteerSignupToItem(record), quota);
}

/** The newest `limit` worksite sign-ups one user made, newest first. */
export async function listWorksiteSignupsOfApplicant(
  userId: string,
  limit: number,
): Promise<WorksiteSignupRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.worksitesByApplicant,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': outreachIndexKeys.worksiteByApplicantPartition(userId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => worksiteSignupRecordSchema.parse(item));
}

/** The newest `limit` volunteer sign-ups of one user (one a campaign), newest first. */
export async function listVolunteerSignupsOfUser(
  userId: string,
  limit: number,
): Promise<VolunteerSignupRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.volunteerSignupsByUser,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': outreachIndexKeys.volunteerByUserPartition(userId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => volunteerSignupRecordSchema.parse(item));
}

interface Page {
  limit: number;
  cursor?: string;
}

/** A page of a campaign's worksite sign-ups in one status within an org subtree, by district then time. */
export async function listWorksiteQueue(
  campaignId: string,
  status: SignupStatus,
  orgPath: string,
  page: Page,
): Promise<{ signups: WorksiteSignupRecord[]; nextCursor: string | null }> {
  const scope = [
    'worksiteQueue',
    outreachIndexKeys.worksiteQueuePartition(campaignId, status),
    orgSubtreePrefix(orgPath),
  ] as const;
  const { items, nextCursor } = await indexPage(
    scope,
    { indexName: indexes.worksiteQueue, keys: 'gsi1' },
    page,
  );
  return { signups: items.map((item) => worksiteSignupRecordSchema.parse(item)), nextCursor };
}

/** A page of a campaign's volunteer sign-ups in one status, oldest first. */
export async function listVolunteerQueue(
  campaignId: string,
  status: SignupStatus,
  page: Page,
): Promise<{ signups: VolunteerSignupRecord[]; nextCursor: string | null }> {
  const scope = [
    'volunteerQueue',
    outreachIndexKeys.volunteerQueuePartition(campaignId, status),
    '',
  ] as const;
  const { items, nextCursor } = await indexPage(
    scope,
    { indexName: indexes.volunteerQueue, keys: 'gsi1' },
    page,
  );
  return { signups: items.map((item) => volunteerSignupRecordSchema.parse(item)), nextCursor };
}
