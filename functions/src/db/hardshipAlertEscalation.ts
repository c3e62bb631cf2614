import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, auditEventPut } from './audit';
import { db, tableName } from './client';
import { type AlertRecord, alertIndexAttributes } from './hardshipAlertItems';
import { hardshipAlertKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** Every index attribute an alert item may carry; those its new state lacks are removed. */
const INDEX_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'];

/**
 * The alert moved up a level (or marked exhausted at a province), as an Update of the fields an
 * escalation changes — never a whole-item Put, so a comment that landed since the read (it moves
 * `commentCount`, not `version`) is kept. Conditional on the version read, the alert still being
 * unresolved and still due on the date that was missed: a transition or another sweep in between
 * makes it fail instead of escalating twice or over someone's action.
 */
export function escalationUpdate(before: AlertRecord, next: AlertRecord): TransactItem {
  const index = alertIndexAttributes(next);
  const values: Record<string, unknown> = {
    ':holder': next.holderOrgPath,
    ':escalations': next.escalations,
    ':due': next.dueOn,
    ':at': next.updatedAt,
    ':next': next.version,
    ':version': before.version,
    ':missed': before.dueOn,
    ':resolved': 'resolved',
  };
  const sets = [
    'holderOrgPath = :holder',
    'escalations = :escalations',
    'dueOn = :due',
    'updatedAt = :at',
    'version = :next',
  ];
  if (next.exhausted) {
    sets.push('exhausted = :exhausted');
    values[':exhausted'] = true;
  }
  for (const [name, value] of Object.entries(index)) {
    sets.push(`${name} = :${name}`);
    values[`:${name}`] = value;
  }
  const removed = INDEX_ATTRIBUTES.filter((name) => !(name in index));
  return {
    Update: {
      TableName: tableName,
      Key: hardshipAlertKeys.alert(before.id),
      UpdateExpression: `SET ${sets.join(', ')}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
      ConditionExpression: 'version = :version AND #status <> :resolved AND dueOn = :missed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Writes an escalation and its audit event in one transaction. `changed` when the alert moved on
 * since it was read (acted on, resolved, escalated by another run): nothing is written then.
 * A TransactionConflict is thrown, for the caller's retry.
 */
export async function writeEscalation(
  before: AlertRecord,
  next: AlertRecord,
  audit: AuditEvent,
): Promise<'escalated' | 'changed'> {
  try {
    await db.send(
      new TransactWriteCommand({ TransactItems: [escalationUpdate(before, next), auditEventPut(audit)] }),
    );
    return 'escalated';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled?.failed.has(0)) return 'changed';
    throw error;
  }
}
