import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DynamoLocal, startDynamoLocal } from '../../functions/local/dynamoLocal';

/**
 * Each resilience file starts with the tier's database up: a fault test stops DynamoDB Local and
 * starts its own again, which ends with that file, so a file after it would find none. Started
 * again here, on the same port and data folder, only when nothing answers, and stopped after the
 * file (the tier's teardown ends any still running on that data).
 */
let restarted: DynamoLocal | undefined;

beforeAll(async () => {
  const { endpoint, port, dataDir } = inject('resilienceDynamo');
  const client = new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const answers = await client.send(new ListTablesCommand({})).then(
    () => true,
    () => false,
  );
  client.destroy();
  if (!answers) restarted = await startDynamoLocal({ port, dataDir });
}, 60_000);

afterAll(async () => {
  await restarted?.stop();
  restarted = undefined;
});
