import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { keys, staffIndexKeys } from '../../functions/src/db/keys';
import { testTableName } from '../support/stack';
import { loginWithCode } from './http';

/**
 * The API stack's own table, read and written apart from the code under test: to see what a
 * request left behind, or to set up what no route makes (an org node, a record from before a change).
 */
export const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('apiDynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

/** An org node as the org routes store it (no route makes one). */
export async function putOrg(
  path: string,
  parentPath: string | null,
  name: string,
  level: string,
): Promise<void> {
  await table.send(
    new PutCommand({
      TableName: testTableName,
      Item: { ...keys.org(path), type: 'Org', path, name, region: name, level, parentPath, version: 1 },
    }),
  );
}

/** One item as stored now (a consistent read), or undefined. */
export async function storedItem(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await table.send(
    new GetCommand({ TableName: testTableName, Key: { pk, sk }, ConsistentRead: true }),
  );
  return Item;
}

/**
 * A fresh WeChat user, made staff at `orgPath` when one is given by writing the role into their
 * user item, as a granted invite would (no route grants a role without one).
 */
export async function freshApiUser(prefix: string, orgPath?: string): Promise<{ token: string; id: string }> {
  const { token, me } = await loginWithCode(`${prefix}-${randomUUID()}`);
  if (orgPath) {
    const { Item } = await table.send(new GetCommand({ TableName: testTableName, Key: keys.user(me.id) }));
    await table.send(
      new PutCommand({
        TableName: testTableName,
        Item: {
          ...Item,
          roles: new Set(['staff']),
          orgPath,
          ...staffIndexKeys.ofUser({ id: me.id, roles: ['staff'], orgPath }),
        },
      }),
    );
  }
  return { token, id: me.id };
}
