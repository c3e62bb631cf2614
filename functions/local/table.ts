import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
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

/** Creates the table (and its TTL) unless it exists; safe to run on every start. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const definition = deployedTableDefinition();
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
  return 'created';
}
