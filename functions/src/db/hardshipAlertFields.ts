import { tableName } from './client';
import { type AlertRecord, alertIndexAttributes } from './hardshipAlertItems';
import { hardshipAlertKeys } from './keys';
import type { TransactItem } from './transactions';

/** Every index attribute an alert item may carry; those its new state lacks are removed. */
const INDEX_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'];

/**
 * Sets some fields of an alert (removing those `next` leaves out), its index attributes as its new
 * state has them (removing the others), `updatedAt` and `version`, over the version read. The
 * version is the whole condition: every write that changes an alert's status, due date or holder
 * moves it (only a comment does not, and a comment changes none of those), so an alert still at the
 * version read is still unresolved and due when it was read. An Update, not a Put: what others
 * keep on the item without moving its version (a comment's count) is not written back from an
 * older read. For the review's writes (evidence, a followed file), the sweep's escalation and the
 * staff's transitions.
 */
export function alertFieldsUpdate(
  next: AlertRecord,
  expectedVersion: number,
  fields: readonly (keyof AlertRecord)[],
): TransactItem {
  const index = alertIndexAttributes(next);
  const values: Record<string, unknown> = {
    ...Object.fromEntries(fields.filter((f) => next[f] !== undefined).map((f) => [f, next[f]])),
    ...index,
    updatedAt: next.updatedAt,
    version: next.version,
  };
  const removed = [
    ...fields.filter((field) => next[field] === undefined),
    ...INDEX_ATTRIBUTES.filter((name) => !(name in index)),
  ];
  const set = Object.keys(values);
  return {
    Update: {
      TableName: tableName,
      Key: hardshipAlertKeys.alert(next.id),
      UpdateExpression: `SET ${set.map((name) => `#${name} = :${name}`).join(', ')}${
        removed.length ? ` REMOVE ${removed.map((name) => `#${name}`).join(', ')}` : ''
      }`,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: Object.fromEntries([...set, ...removed].map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(set.map((name) => [`:${name}`, values[name]])),
        ':expected': expectedVersion,
      },
    },
  };
}
