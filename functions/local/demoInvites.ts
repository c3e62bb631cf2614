import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { adminIndexKeys, keys } from '../src/db/keys';
import { type DemoUser, demoUserId, demoUsers } from './demoData';
import { addMissingIndexKeys } from './seedWrites';

const WEEK_MS = 7 * 86_400_000;

const byKey = (key: string) => demoUsers.find((user) => user.key === key)!;

/** The pending demo invites: 李敏 invites for 大新镇 (below 张家港), 周建国 for 苏州工业园区. */
const demoInvites = [
  { inviter: 'staff-zjg', orgPath: '320000/320500/320582/daxin' },
  { inviter: 'admin', orgPath: '320000/320500/320571' },
] as const;

/**
 * Role management as `npm start` shows it: the demo admin in the admins index, who granted each
 * demo staff role (周建国, at the first seed), and two pending invites made through the service.
 * The invites' request ids change weekly, so a data directory always holds a live one (14 days)
 * and a reseed within the week writes nothing. Returns how many items were new or changed.
 */
export async function seedDemoInvites(
  db: DynamoDBDocumentClient,
  tableName: string,
  at: Date,
): Promise<number> {
  const admins = demoUsers.filter((user) => user.roles.includes('admin'));
  const indexed = await Promise.all(
    admins.map((user) =>
      addMissingIndexKeys(db, tableName, keys.user(demoUserId(user)), adminIndexKeys.of(demoUserId(user))),
    ),
  );
  const granter = admins[0]!;
  const grants = await Promise.all(
    demoUsers
      .filter((user) => user.roles.includes('staff'))
      .map((user) => recordGrant(db, tableName, user, granter, at)),
  );
  // The service writes with the functions' own client and keys (seed.ts set their environment).
  const { createInvite } = await import('../src/services/invites');
  const week = Math.floor(at.getTime() / WEEK_MS);
  const invites = await Promise.all(
    demoInvites.map(async ({ inviter, orgPath }) => {
      const user = byKey(inviter);
      const caller = {
        userId: demoUserId(user),
        nickname: user.nickname,
        roles: ['worker' as const, ...user.roles],
        orgPath: user.orgPath,
      };
      const result = await createInvite(caller, {
        requestId: `demo-invite-${inviter}-${week}`,
        role: 'staff',
        orgPath,
        validDays: 14,
      });
      return Date.parse(result.invite.createdAt) >= at.getTime() ? 1 : 0;
    }),
  );
  return [...indexed, ...grants, ...invites].reduce((sum, count) => sum + count, 0);
}

/** Records who granted a demo staff role, once: a later seed leaves it (and any revoke) alone. */
async function recordGrant(
  db: DynamoDBDocumentClient,
  tableName: string,
  user: DemoUser,
  granter: DemoUser,
  at: Date,
): Promise<number> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.user(demoUserId(user)),
        ConditionExpression: 'contains(#roles, :staff) AND attribute_not_exists(staffGrant)',
        UpdateExpression: 'SET staffGrant = :grant',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: {
          ':staff': 'staff',
          ':grant': { byUserId: demoUserId(granter), byName: granter.nickname, at: at.toISOString() },
        },
      }),
    );
    return 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0;
    throw error;
  }
}
