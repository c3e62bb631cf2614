import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexDescription,
  type Projection,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';
import { repoRoot } from './paths';

interface TableResource {
  Properties: Pick<
    CreateTableCommandInput,
    'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes' | 'BillingMode'
  > & { TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean } };
}

/** What ensureTable did: made the table, or found it and added the indexes it lacked (in order). */
export interface EnsuredTable {
  status: 'created' | 'existed';
  addedIndexes: string[];
}

/**
 * How long one new index may take to become ACTIVE. DynamoDB Local builds one over the demo
 * data in a second or two; a table of a bench's 186,100 stations takes longer.
 */
const INDEX_WAIT_MS = 10 * 60_000;
const INDEX_POLL_MS = 250;

/**
 * The table exactly as serverless.yml deploys it: key schema, attributes, indexes and TTL are read
 * from the CloudFormation resource, so there is no second copy to drift.
 */
export function deployedTableDefinition(): TableResource['Properties'] {
  const config = parse(readFileSync(path.join(repoRoot, 'serverless.yml'), 'utf8'));
  const table = config?.resources?.Resources?.AnkangTable as TableResource | undefined;
  if (!table) throw new Error('serverless.yml has no resources.Resources.AnkangTable');
  return table.Properties;
}

/**
 * Creates the table (and its TTL) unless it exists. A table that exists — the .local one kept
 * between `npm start`s — gets every index serverless.yml declares and it lacks, so code that
 * queries a newly added index runs on old local data. Safe to run on every start.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<EnsuredTable> {
  const definition = deployedTableDefinition();
  const existing = await describeTable(client, tableName);
  if (existing) {
    return {
      status: 'existed',
      addedIndexes: await addMissingIndexes(client, tableName, existing, definition),
    };
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: definition.AttributeDefinitions,
      KeySchema: definition.KeySchema,
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      BillingMode: definition.BillingMode,
    }),
  );
  if (definition.TimeToLiveSpecification) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: definition.TimeToLiveSpecification,
      }),
    );
  }
  return { status: 'created', addedIndexes: [] };
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Adds the declared indexes the table lacks, one UpdateTable each (DynamoDB creates one index per
 * update) and each waited for until ACTIVE before the next. An index that exists under a declared
 * name with other keys or another projection is not rebuilt: that needs the local data deleted, and says so.
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  existing: TableDescription,
  definition: TableResource['Properties'],
): Promise<string[]> {
  const present = new Map((existing.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  const added: string[] = [];
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    const found = present.get(index.IndexName);
    if (found) {
      if (!sameIndex(found, index)) {
        throw new Error(
          `表 ${tableName} 的索引 ${index.IndexName} 与 serverless.yml 不一致；请删除 .local/dynamodb 后重新启动`,
        );
      }
      continue;
    }
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributesOf(index, definition),
        GlobalSecondaryIndexUpdates: [
          {
            Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection },
          },
        ],
      }),
    );
    await waitUntilActive(client, tableName, index.IndexName as string);
    added.push(index.IndexName as string);
  }
  return added;
}

/** Whether a stored index is the declared one: the same keys, and the same attributes projected. */
function sameIndex(found: GlobalSecondaryIndexDescription, declared: GlobalSecondaryIndex): boolean {
  const projected = (projection: Projection | undefined) =>
    JSON.stringify([projection?.ProjectionType ?? 'ALL', [...(projection?.NonKeyAttributes ?? [])].sort()]);
  return (
    JSON.stringify(found.KeySchema) === JSON.stringify(declared.KeySchema) &&
    projected(found.Projection) === projected(declared.Projection)
  );
}

/** The attribute definitions an index's keys need (UpdateTable takes only those it uses). */
function attributesOf(index: GlobalSecondaryIndex, definition: TableResource['Properties']) {
  const names = new Set((index.KeySchema ?? []).map((key) => key.AttributeName));
  return (definition.AttributeDefinitions ?? []).filter((attribute) => names.has(attribute.AttributeName));
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  const deadline = Date.now() + INDEX_WAIT_MS;
  while (Date.now() < deadline) {
    const table = await describeTable(client, tableName);
    const index = table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === indexName);
    if (table?.TableStatus === 'ACTIVE' && index?.IndexStatus === 'ACTIVE') return;
    await sleep(INDEX_POLL_MS);
  }
  throw new Error(`index ${indexName} of ${tableName} was not ACTIVE within ${INDEX_WAIT_MS / 1000} s`);
}
