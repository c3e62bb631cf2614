import { hardshipPolicySchema } from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { hardshipPolicyKeys } from './keys';
import { type TransactItem, transactWrite } from './transactions';

/**
 * One version of an org node's monitoring policy. `policy` is absent on a 恢复继承 version: the node
 * inherits again, but its CURRENT item stays (as that marker) so versions keep counting and a later
 * set never reuses a history number.
 */
export const hardshipPolicyRecordSchema = z.object({
  orgPath: z.string(),
  /** The node's name when set, so "继承自 X" reads without another lookup. */
  orgName: z.string(),
  policy: hardshipPolicySchema.optional(),
  setByUserId: z.string(),
  setByName: z.string(),
  setAt: z.string(),
  note: z.string().optional(),
  version: z.number().int().min(1),
  demo: z.literal(true).optional(),
});
export type HardshipPolicyRecord = z.infer<typeof hardshipPolicyRecordSchema>;

/** The CURRENT item and its history copy. Pure, so the demo seed writes what the API reads. */
export function hardshipPolicyItems(record: HardshipPolicyRecord): {
  current: Record<string, unknown>;
  history: Record<string, unknown>;
} {
  const body = { type: 'HardshipPolicy', ...record, updatedAt: record.setAt };
  return {
    current: { ...hardshipPolicyKeys.current(record.orgPath), ...body },
    history: {
      ...hardshipPolicyKeys.version(record.orgPath, record.version),
      ...body,
      type: 'HardshipPolicyVersion',
    },
  };
}

/** A node's CURRENT item, read consistently: a write decides on it. */
export async function getPolicyRecord(orgPath: string): Promise<HardshipPolicyRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipPolicyKeys.current(orgPath), ConsistentRead: true }),
  );
  return Item ? hardshipPolicyRecordSchema.parse(Item) : null;
}

/**
 * The CURRENT items of several nodes (a node's ancestor-or-self chain: at most 5 keys) in one
 * BatchGet, by org path; nodes that never set one are absent.
 */
export async function getPolicyRecords(orgPaths: string[]): Promise<Map<string, HardshipPolicyRecord>> {
  const items = await getItems(orgPaths.map((path) => hardshipPolicyKeys.current(path)));
  const records = items.map((item) => hardshipPolicyRecordSchema.parse(item));
  return new Map(records.map((record) => [record.orgPath, record]));
}

/** A node's newest versions first, at most `limit`; consistent, so a write's answer lists itself. */
export async function listPolicyVersions(orgPath: string, limit: number): Promise<HardshipPolicyRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': hardshipPolicyKeys.partition(orgPath),
        ':prefix': hardshipPolicyKeys.versionPrefix,
      },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => hardshipPolicyRecordSchema.parse(item));
}

/**
 * Stores a new version: the CURRENT item (only over `expectedVersion`, or where none is when it is
 * 0), its history copy and `extra` (the audit event) in one transaction. False when the CURRENT
 * item had moved on: then nothing was written.
 */
export async function putPolicyVersion(
  record: HardshipPolicyRecord,
  expectedVersion: number,
  extra: readonly TransactItem[],
): Promise<boolean> {
  const { current, history } = hardshipPolicyItems(record);
  const putCurrent: TransactItem = {
    Put: {
      TableName: tableName,
      Item: current,
      ...(expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
  const putHistory: TransactItem = {
    Put: { TableName: tableName, Item: history, ConditionExpression: 'attribute_not_exists(pk)' },
  };
  const outcome = await transactWrite(
    [putCurrent, putHistory, ...extra],
    [
      [0, 'stale'],
      [1, 'stale'],
    ],
  );
  return outcome === 'saved';
}
