import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type DynamoLocal, startDynamoLocal } from '../../functions/local/dynamoLocal';
import { ensureTable } from '../../functions/local/table';

/**
 * A DynamoDB Local of this file's own, not the tier's: index builds run on a background worker of
 * the whole instance, and in the full tier other files' work kept a new index CREATING past the
 * test timeout now and then (three full runs in five, never alone).
 */
let local: DynamoLocal;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
beforeAll(async () => {
  local = await startDynamoLocal();
  client = local.client;
  doc = DynamoDBDocumentClient.from(client);
}, 60_000);
afterAll(() => local?.stop());

/** The index names serverless.yml declares, read here from the file itself. */
const declaredIndexes: string[] = parse(
  readFileSync(path.resolve(__dirname, '../../serverless.yml'), 'utf8'),
).resources.Resources.AnkangTable.Properties.GlobalSecondaryIndexes.map(
  (index: { IndexName: string }) => index.IndexName,
);

/** A generic index as the table declares them: gsiNpk / gsiNsk, everything projected. */
const generic = (name: string) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}pk`, KeyType: 'HASH' as const },
    { AttributeName: `${name}sk`, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/** A table as an older serverless.yml made it: only the indexes named, projecting `projection`. */
async function oldTable(
  indexes: string[],
  projection: Projection = { ProjectionType: 'ALL' },
): Promise<string> {
  const tableName = `old-${randomUUID().slice(0, 8)}`;
  const attributes = ['pk', 'sk', ...indexes.flatMap((name) => [`${name}pk`, `${name}sk`])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexes.map((name) => ({ ...generic(name), Projection: projection })),
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return tableName;
}

async function indexesOf(tableName: string) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return (Table?.GlobalSecondaryIndexes ?? [])
    .map((index) => ({ name: index.IndexName, status: index.IndexStatus, keys: index.KeySchema }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

const allActive = () =>
  [...declaredIndexes].sort().map((name) => ({ name, status: 'ACTIVE', keys: generic(name).KeySchema }));

describe('Local table: ensureTable', () => {
  it('declares the generic indexes this test knows how to build', () => {
    expect(declaredIndexes.slice(0, 4)).toStrictEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4']);
  });

  it('adds the indexes an existing table lacks, one by one, and they hold the items already there', async () => {
    const tableName = await oldTable(['gsi1', 'gsi2']);
    // Written before the index exists: the new index must be built over it.
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: 'OLD#1', sk: 'A', gsi3pk: 'PLACE#old', gsi3sk: '1', gsi4pk: 'Q#old', gsi4sk: '2' },
      }),
    );

    const ensured = await ensureTable(client, tableName);

    expect(ensured).toStrictEqual({
      status: 'existed',
      addedIndexes: declaredIndexes.filter((name) => name !== 'gsi1' && name !== 'gsi2'),
    });
    expect(await indexesOf(tableName)).toStrictEqual(allActive());
    for (const [index, key] of [
      ['gsi3', 'PLACE#old'],
      ['gsi4', 'Q#old'],
    ] as const) {
      const found = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ':pk': key },
        }),
      );
      expect(found.Items?.map((item) => item.pk)).toStrictEqual(['OLD#1']);
    }
  });

  it('changes nothing on a table that has every index, however often it runs', async () => {
    const tableName = await oldTable(['gsi1']);
    await ensureTable(client, tableName);
    expect(await ensureTable(client, tableName)).toStrictEqual({ status: 'existed', addedIndexes: [] });
    expect(await indexesOf(tableName)).toStrictEqual(allActive());
  });

  it('creates a missing table with every index and the TTL', async () => {
    const tableName = `new-${randomUUID().slice(0, 8)}`;
    expect(await ensureTable(client, tableName)).toStrictEqual({ status: 'created', addedIndexes: [] });
    expect(await indexesOf(tableName)).toStrictEqual(allActive());
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toStrictEqual({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('refuses a table whose index of a declared name has other keys, and says how to start afresh', async () => {
    const tableName = `odd-${randomUUID().slice(0, 8)}`;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: ['pk', 'sk', 'other'].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [{ AttributeName: 'other', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await expect(ensureTable(client, tableName)).rejects.toThrow(
      `表 ${tableName} 的索引 gsi1 与 serverless.yml 不一致；请删除 .local/dynamodb 后重新启动`,
    );
    expect((await indexesOf(tableName)).map((index) => index.name)).toStrictEqual(['gsi1']);
  });

  it('refuses a table whose index of a declared name projects other attributes (keys only)', async () => {
    const tableName = await oldTable(['gsi1'], { ProjectionType: 'KEYS_ONLY' });
    await expect(ensureTable(client, tableName)).rejects.toThrow(
      `表 ${tableName} 的索引 gsi1 与 serverless.yml 不一致；请删除 .local/dynamodb 后重新启动`,
    );
    expect((await indexesOf(tableName)).map((index) => index.name)).toStrictEqual(['gsi1']);
  });
});
