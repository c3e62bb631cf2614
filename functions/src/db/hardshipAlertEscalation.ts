import { type AuditEvent, auditEventPut } from './audit';
import { alertFieldsUpdate } from './hardshipAlertFields';
import type { AlertRecord } from './hardshipAlertItems';
import { type TransactItem, transactWrite } from './transactions';

/**
 * The alert moved up a level (or marked exhausted at a province): an Update of the fields an
 * escalation changes — never a whole-item Put, so a comment that landed since the read (it moves
 * `commentCount`, not `version`) is kept. Conditional on the version read (from the due index: an
 * unresolved alert due on the date that was missed), so a transition or another sweep in between
 * makes it fail instead of escalating twice or over someone's action.
 */
export function escalationUpdate(before: AlertRecord, next: AlertRecord): TransactItem {
  return alertFieldsUpdate(next, before.version, ['holderOrgPath', 'escalations', 'dueOn', 'exhausted']);
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
  const outcome = await transactWrite(
    [escalationUpdate(before, next), auditEventPut(audit)],
    [[0, 'changed']],
  );
  return outcome === 'saved' ? 'escalated' : outcome;
}
