import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/src/db/client';
import { handler as acceptInvite } from '../../functions/src/handlers/acceptInvite';
import { handler as createInvite } from '../../functions/src/handlers/createInvite';
import { handler as getInvite } from '../../functions/src/handlers/getInvite';
import { handler as listInvites } from '../../functions/src/handlers/listInvites';
import { handler as listRoleHolders } from '../../functions/src/handlers/listRoleHolders';
import { handler as revokeInvite } from '../../functions/src/handlers/revokeInvite';
import { handler as revokeRole } from '../../functions/src/handlers/revokeRole';
import { httpEvent, invoke } from '../support/events';

export const ZJG = '320000/320500/320582';

/** The invite id the server should store for a code, computed here from the test's lookup key. */
export function expectedInviteId(code: string): string {
  const key = process.env.LOOKUP_KEY!;
  return `inv_${createHmac('sha256', key).update(`invite\u001f${code}`).digest('hex').slice(0, 32)}`;
}

/** A code of the right shape that no invite has. */
export const forgedCode = () => randomBytes(18).toString('base64url');

export const api = {
  create: (token: string | undefined, body: Record<string, unknown>) =>
    invoke(
      createInvite,
      httpEvent({
        method: 'POST',
        path: '/staff/invites',
        token,
        body: { requestId: randomUUID(), ...body },
      }),
    ),
  createRaw: (token: string | undefined, body: unknown) =>
    invoke(createInvite, httpEvent({ method: 'POST', path: '/staff/invites', token, body })),
  preview: (code: string) =>
    invoke(getInvite, httpEvent({ method: 'POST', path: '/invites/preview', body: { code } })),
  accept: (token: string | undefined, code: string) =>
    invoke(acceptInvite, httpEvent({ method: 'POST', path: '/invites/accept', token, body: { code } })),
  list: (token: string, root?: string) =>
    invoke(listInvites, httpEvent({ path: '/staff/invites', token, query: root ? { root } : undefined })),
  revoke: (token: string, id: string) =>
    invoke(
      revokeInvite,
      httpEvent({ method: 'POST', path: `/staff/invites/${id}/revoke`, token, params: { id } }),
    ),
  holders: (token: string, root?: string) =>
    invoke(listRoleHolders, httpEvent({ path: '/staff/roles', token, query: root ? { root } : undefined })),
  revokeRole: (token: string, body: unknown) =>
    invoke(revokeRole, httpEvent({ method: 'POST', path: '/staff/roles/revoke', token, body })),
};

/** Makes an invite and returns its code and id (fails the test unless it was created). */
export async function inviteFor(token: string, body: Record<string, unknown>) {
  const result = await api.create(token, body);
  if (result.status !== 201) throw new Error(`invite not created: ${JSON.stringify(result.body)}`);
  const created = result.body as {
    code: string;
    invite: { id: string; expiresAt: string; createdAt: string };
  };
  return { code: created.code, id: created.invite.id, invite: created.invite };
}

/** The raw stored item of an invite. */
export async function storedInvite(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk: `INVITE#${id}`, sk: 'INVITE' } }),
  );
  return Item;
}

/** The audit trail of one subject, oldest first: action and actor of each event. */
export async function trailOf(subjectId: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${subjectId}` },
    }),
  );
  return Items.map((item) => ({ action: item.action as string, actorUserId: item.actorUserId as string }));
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } });
