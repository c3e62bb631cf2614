import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { hardshipKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** The 低保 standard one org node set from one date on. */
export const povertyLineRecordSchema = z.object({
  orgPath: z.string(),
  orgName: z.string(),
  monthlyFen: z.number().int(),
  effectiveFrom: z.string(),
  setByUserId: z.string(),
  setByName: z.string(),
  setAt: z.string(),
  version: z.number().int().min(1),
  demo: z.literal(true).optional(),
});
export type PovertyLineRecord = z.infer<typeof povertyLineRecordSchema>;

/** The line's item. Pure, so the demo seed writes what the API reads. */
export function povertyLineToItem(record: PovertyLineRecord): Record<string, unknown> {
  return {
    ...hardshipKeys.povertyLine(record.orgPath, record.effectiveFrom),
    type: 'PovertyLine',
    ...record,
    updatedAt: record.setAt,
  };
}

export async function getPovertyLine(
  orgPath: string,
  effectiveFrom: string,
): Promise<PovertyLineRecord | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: hardshipKeys.povertyLine(orgPath, effectiveFrom),
      ConsistentRead: true,
    }),
  );
  return Item ? povertyLineRecordSchema.parse(Item) : null;
}

/**
 * Stores a line with `extra` (its audit event) in one transaction: a new date only if none is
 * there, an overwrite only over the version it read. False when another write came first.
 */
export async function putPovertyLine(
  record: PovertyLineRecord,
  expectedVersion: number | null,
  extra: readonly TransactItem[],
): Promise<boolean> {
  const put: TransactItem = {
    Put: {
      TableName: tableName,
      Item: povertyLineToItem(record),
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [put, ...extra] }));
    return true;
  } catch (error) {
    if (cancellationOf(error)?.failed.has(0)) return false;
    throw error;
  }
}

/**
 * A node's lines, latest effective date first: `onOrBefore` keeps those in force by that date (the
 * first is the one in force), `limit` bounds the read.
 */
export async function listPovertyLinesOfOrg(
  orgPath: string,
  options: { limit: number; onOrBefore?: string },
): Promise<PovertyLineRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: options.onOrBefore ? 'pk = :pk AND sk <= :date' : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': hardshipKeys.povertyPartition(orgPath),
        ...(options.onOrBefore ? { ':date': options.onOrBefore } : {}),
      },
      ScanIndexForward: false,
      Limit: options.limit,
    }),
  );
  return Items.map((item) => povertyLineRecordSchema.parse(item));
}
