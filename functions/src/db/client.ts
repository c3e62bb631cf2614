import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from '../lib/env';
import { traced } from '../lib/tracer';

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The single document client, created once per container. */
export const db = DynamoDBDocumentClient.from(
  traced(
    new DynamoDBClient({
      region: env.AWS_REGION,
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT, credentials: localCredentials } : {}),
    }),
  ),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const tableName = env.TABLE_NAME;
