import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { keys } from './keys';
import type { TransactItem } from './transactions';

/**
 * Who read or changed what, when and why: an append-only trail kept under its subject (a sign-up
 * whose phone was revealed, a hardship file read unmasked, an alert moved). Events are only ever
 * added; nothing here updates or deletes one.
 */
export const auditEventSchema = z.object({
  id: z.string(),
  actorUserId: z.string(),
  /** What was done, e.g. `revealPhone`. */
  action: z.string(),
  /** What kind of record it was done to, e.g. `worksiteSignup`. */
  subjectType: z.string(),
  subjectId: z.string(),
  /** The org the subject belongs to, so an org's trail can be read by scope later. */
  orgPath: z.string().optional(),
  /** Why, as the actor gave it (unmasked reads need one). */
  reason: z.string().optional(),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export function newAuditEventId(): string {
  return `ev_${randomBytes(10).toString('hex')}`;
}

/**
 * The event as a transaction item, for writes that must hold together with it (an alert's move
 * and its trail). The condition keeps it append-only: an event is never overwritten.
 */
export function auditEventItem(event: AuditEvent): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.auditEvent(event.subjectId, event.at, event.id),
        type: 'AuditEvent',
        ...event,
        version: 1,
        updatedAt: event.at,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Writes one event on its own (for reads that must be recorded before their answer goes out). */
export async function appendAuditEvent(event: AuditEvent): Promise<void> {
  const { Put } = auditEventItem(event);
  if (!Put) throw new Error('audit event item is not a Put');
  await db.send(new PutCommand(Put));
}

/** The newest `limit` events about one subject, newest first. */
export async function listAuditEventsOf(subjectId: string, limit: number): Promise<AuditEvent[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditEvent(subjectId, '', '').pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => auditEventSchema.parse(item));
}
