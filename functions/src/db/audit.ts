import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * Who read or changed what, when and why: an append-only trail kept under its subject (a sign-up
 * whose phone was revealed, a hardship file read unmasked, an alert moved). Events are only ever
 * added; nothing here updates or deletes one.
 */
export interface AuditEvent {
  id: string;
  actorUserId: string;
  /** What was done, e.g. `revealPhone`. */
  action: string;
  /** What kind of record it was done to, e.g. `worksiteSignup`. */
  subjectType: string;
  subjectId: string;
  /** The org the subject belongs to, so an org's trail can be read by scope later. */
  orgPath?: string;
  /** Why, as the actor gave it (unmasked reads need one). */
  reason?: string;
  at: string;
}

export function newAuditEventId(): string {
  return `ev_${randomBytes(10).toString('hex')}`;
}

/**
 * Writes one event on its own, for reads that must be recorded before their answer goes out. The
 * condition keeps the trail append-only: an event is never overwritten.
 */
export async function appendAuditEvent(event: AuditEvent): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.auditEvent(event.subjectId, event.at, event.id),
        type: 'AuditEvent',
        ...event,
        version: 1,
        updatedAt: event.at,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}
