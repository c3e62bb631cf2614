import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { campaignToItem } from '../src/db/campaignItems';
import { keys } from '../src/db/keys';
import { stationToItem } from '../src/db/stationItems';
import { userIdForOpenid } from '../src/lib/ids';
import { demoCampaigns } from './demoCampaigns';
import { type DemoUser, demoOrgs, demoUsers } from './demoData';
import { demoStations } from './demoStations';

/** Writes an item unless its key exists, so seeding twice leaves the first run's data (and edits) alone. */
async function putIfAbsent(db: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>) {
  try {
    await db.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0;
    throw error;
  }
}

export function demoUserId(user: Pick<DemoUser, 'key'>): string {
  return userIdForOpenid(`demo:${user.key}`);
}

/** A station's item plus the claim on its external id, as the import writes them. */
function stationItems(now: Date): Record<string, unknown>[] {
  return demoStations(now).flatMap((station) => [
    stationToItem(station),
    ...(station.externalId
      ? [
          {
            ...keys.externalId(station.orgPath, station.externalId),
            type: 'ExternalId',
            orgPath: station.orgPath,
            externalId: station.externalId,
            stationId: station.id,
          },
        ]
      : []),
  ]);
}

/**
 * Seeds the demo org tree, accounts, stations and outreach campaigns; idempotent (an existing item is left as it is, edits
 * included). Returns how many items were new.
 */
export async function seedDemoData(
  client: DynamoDBClient,
  tableName: string,
  at = new Date(),
): Promise<number> {
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const stamp = at.toISOString();
  const orgItems = demoOrgs.map((org) => ({
    ...keys.org(org.path),
    type: 'Org',
    ...org,
    version: 1,
    updatedAt: stamp,
  }));
  const userItems = demoUsers.map((user) => {
    const id = demoUserId(user);
    return {
      ...keys.user(id),
      ...keys.demoUsers(),
      gsi1sk: user.key,
      type: 'User',
      id,
      openid: `demo:${user.key}`,
      nickname: user.nickname,
      ...(user.roles.length > 0 ? { roles: new Set(user.roles) } : {}),
      ...(user.orgPath ? { orgPath: user.orgPath } : {}),
      demo: true,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    };
  });
  const written = await Promise.all(
    [...orgItems, ...userItems, ...stationItems(at), ...demoCampaigns(at).map(campaignToItem)].map((item) =>
      putIfAbsent(db, tableName, item),
    ),
  );
  return written.reduce<number>((sum, count) => sum + count, 0);
}
