import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { coverageItemUpdate } from './deliveryItems';
import { deliveryKeys, indexes, orgSubtreePrefix, outreachIndexKeys } from './keys';
import type { TransactItem } from './transactions';

/** coverageItemUpdate on the configured table. */
export function coverageUpdate(
  campaignId: string,
  orgPath: string,
  worksiteSignupId: string,
  n: number,
  at: string,
): TransactItem {
  return coverageItemUpdate(tableName, campaignId, orgPath, worksiteSignupId, n, at);
}

/** Every page of a query, with only the attributes asked for (bounded by the campaign's site count). */
async function queryAll(
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The worksites of a subtree with at least one approved delivery, and how many each has. */
export async function listCoveredWorksites(
  campaignId: string,
  orgPath: string,
): Promise<Map<string, number>> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': deliveryKeys.coveragePartition(campaignId),
      ':prefix': orgSubtreePrefix(orgPath),
    },
    ProjectionExpression: 'worksiteSignupId, approvedDeliveries',
    ConsistentRead: true,
  });
  return new Map(
    items
      .filter((item) => Number(item.approvedDeliveries) > 0)
      .map((item) => [String(item.worksiteSignupId), Number(item.approvedDeliveries)]),
  );
}

export interface WorksiteRef {
  id: string;
  siteName: string;
  orgName: string;
}

/** A campaign's approved worksites in a subtree, by district path then time: names only, no contact data. */
export async function listApprovedWorksiteRefs(campaignId: string, orgPath: string): Promise<WorksiteRef[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: indexes.worksiteQueue,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': outreachIndexKeys.worksiteQueuePartition(campaignId, 'approved'),
      ':prefix': orgSubtreePrefix(orgPath),
    },
    ProjectionExpression: 'id, siteName, orgName',
  });
  return items.map((item) => ({
    id: String(item.id),
    siteName: String(item.siteName),
    orgName: String(item.orgName),
  }));
}
