import { type Campaign, campaignSchema } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { campaignToItem } from './campaignItems';
import { db, tableName } from './client';
import { campaignIndexKeys, indexes, keys } from './keys';

export async function getCampaignById(id: string): Promise<Campaign | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.campaign(id) }));
  return Item ? campaignSchema.parse(Item) : null;
}

/** Stores a new campaign unless its id exists (a retried create): returns whether it was stored. */
export async function insertCampaign(campaign: Campaign): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: campaignToItem(campaign),
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
 * Replaces the campaign if it is still at `expectedVersion` (the whole record: a campaign is small
 * and has no counters). Returns false when someone changed or removed it meanwhile.
 */
export async function replaceCampaign(next: Campaign, expectedVersion: number): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: campaignToItem(next),
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The newest `limit` campaigns one org node runs (that node only, not below it). */
export async function listCampaignsOfOrg(orgPath: string, limit: number): Promise<Campaign[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.campaignsByOrg,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': campaignIndexKeys.byOrgPartition(orgPath) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => campaignSchema.parse(item));
}
