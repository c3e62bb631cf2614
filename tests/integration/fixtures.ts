import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/src/db/client';
import { keys, staffIndexKeys } from '../../functions/src/db/keys';
import { upsertUserOnLogin } from '../../functions/src/db/users';
import { userIdForOpenid } from '../../functions/src/lib/ids';
import { issueAccessToken } from '../../functions/src/services/token';

/** A user nobody else's test touches: a fresh openid each call. */
export async function freshUser(
  options: { roles?: ('staff' | 'admin' | 'volunteer')[]; orgPath?: string } = {},
) {
  const openid = `it-${randomUUID()}`;
  const userId = userIdForOpenid(openid);
  await upsertUserOnLogin({ userId, openid, defaultNickname: '测试用户', at: new Date() });
  if (options.roles?.length || options.orgPath) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.user(userId),
          type: 'User',
          id: userId,
          openid,
          nickname: '测试用户',
          ...(options.roles?.length ? { roles: new Set(options.roles) } : {}),
          ...(options.orgPath ? { orgPath: options.orgPath } : {}),
          ...staffIndexKeys.ofUser({ id: userId, roles: options.roles ?? [], orgPath: options.orgPath }),
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
          version: 1,
        },
      }),
    );
  }
  const { token } = await issueAccessToken({ id: userId, tokenVersion: 0 }, new Date());
  return { userId, openid, token };
}

/** An org node under a fresh path segment, for tests that need their own subtree. */
export async function freshOrg(parentPath: string, name = '测试工会') {
  return putOrg(`${parentPath}/t${randomUUID().slice(0, 8)}`, parentPath, name);
}

export async function putOrg(path: string, parentPath: string, name = '测试工会') {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.org(path),
        type: 'Org',
        path,
        name,
        region: name,
        level: 'town',
        parentPath,
        version: 1,
      },
    }),
  );
  return path;
}
