import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/**
 * Who read or changed what, when and why: an append-only trail kept under its subject (a sign-up
 * whose phone was revealed, a hardship file read unmasked, an alert moved). Events are only ever
 * added; nothing here updates or deletes one.
 */
export interface AuditEvent {
  id: string;
  actorUserId: string;
  /** The actor's name as it was then, so the trail reads without joining users. */
  actorName?: string;
  /** What was done, e.g. `revealPhone`. */
  action: string;
  /** What kind of record it was done to, e.g. `worksiteSignup`. */
  subjectType: string;
  subjectId: string;
  /** The org the subject belongs to, so an org's trail can be read by scope later. */
  orgPath?: string;
  /** Why, as the actor gave it (unmasked reads need one). */
  reason?: string;
  /** What changed, in words (顾晓东 → 李敏, an alert's outcome). */
  detail?: string;
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
  await db.send(new PutCommand(auditEventPut(event).Put!));
}

/**
 * The event as a transaction item, for writes whose record and trail must land together (a file
 * and its 建档 event, a reveal and its quota). Conditional like appendAuditEvent: never an overwrite.
 */
export function auditEventPut(event: AuditEvent): TransactItem & { Put: NonNullable<TransactItem['Put']> } {
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

/**
 * Writes one event with `extra` (e.g. the actor's daily quota count) in one transaction, before the
 * read it records is answered. False when an `extra` condition failed (the quota is used up): then
 * nothing is written and nothing may be answered.
 */
export async function appendAuditEventWith(
  event: AuditEvent,
  extra: readonly TransactItem[],
): Promise<boolean> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [auditEventPut(event), ...extra] }));
    return true;
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled && cancelled.failed.size > 0 && !cancelled.failed.has(0)) return false;
    throw error;
  }
}

export const auditEventSchema = z.object({
  id: z.string(),
  actorUserId: z.string(),
  actorName: z.string().optional(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  orgPath: z.string().optional(),
  reason: z.string().optional(),
  detail: z.string().optional(),
  at: z.string(),
});

/** One page of a subject's trail, newest first. The cursor only opens this subject's trail. */
export async function listAuditEvents(
  subjectId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  const { pk } = keys.auditEvent(subjectId, '', '');
  const scope: CursorScope = ['auditEvents', pk, ''];
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    }),
  );
  return {
    events: (result.Items ?? []).map((item) => auditEventSchema.parse(item)),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}
