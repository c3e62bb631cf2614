import { exportFormatSchema, exportStatusSchema } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { exportKeys } from './keys';

/** A delivery report export as stored: who asked for what, where it stands, and where its file is. */
export const exportRecordSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  orgPath: z.string(),
  format: exportFormatSchema,
  /** The user who asked: only they read it back. */
  requesterId: z.string(),
  status: exportStatusSchema,
  rows: z.number().int(),
  total: z.number().int(),
  /** The object in the bucket (under `exports/`) and the name the browser saves it as. */
  objectKey: z.string(),
  fileName: z.string(),
  reason: z.string().optional(),
  /** When the job took the export on: its queue may deliver one message twice. */
  jobStartedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** Epoch seconds: the table's TTL drops the record when the bucket's lifecycle drops the file. */
  expiresAt: z.number().int(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

export async function getExportById(id: string): Promise<ExportRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: exportKeys.deliveryExport(id), ConsistentRead: true }),
  );
  return Item ? exportRecordSchema.parse(Item) : null;
}

/** Stores a new export unless its id exists (a retried request): returns whether it was stored. */
export async function insertExport(record: ExportRecord): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...exportKeys.deliveryExport(record.id), type: 'DeliveryExport', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Takes a running export on for the job: true for exactly one caller, however often the export
 * queue delivers its message (SQS delivers at least once).
 */
export async function claimExportJob(id: string, at: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: exportKeys.deliveryExport(id),
        UpdateExpression: 'SET jobStartedAt = :at, updatedAt = :at ADD version :one',
        ConditionExpression:
          'attribute_exists(pk) AND #status = :running AND attribute_not_exists(jobStartedAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': at, ':running': 'running', ':one': 1 },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Moves a running export on: progress (`rows`), or its end (`ready`, or `failed` with a reason).
 * Only a running export changes, so a late or repeated job never undoes an end already written.
 * Returns whether it changed.
 */
export async function updateRunningExport(
  id: string,
  change: { rows: number; at: string; status?: 'ready' | 'failed'; reason?: string },
): Promise<boolean> {
  const sets = ['#rows = :rows', 'updatedAt = :at'];
  const values: Record<string, unknown> = {
    ':rows': change.rows,
    ':at': change.at,
    ':running': 'running',
    ':one': 1,
  };
  if (change.status) {
    sets.push('#status = :status');
    values[':status'] = change.status;
  }
  if (change.reason) {
    sets.push('reason = :reason');
    values[':reason'] = change.reason;
  }
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: exportKeys.deliveryExport(id),
        UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
        ConditionExpression: 'attribute_exists(pk) AND #status = :running',
        ExpressionAttributeNames: { '#rows': 'rows', '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
