import { randomUUID } from 'node:crypto';
import { type HardshipAlertStatus, type HouseholdFile, shanghaiDate } from '@ankang/shared';
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/src/db/client';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertSlotToItem,
  alertToItem,
} from '../../functions/src/db/hardshipAlertItems';
import { handler as acknowledgeHardshipAlert } from '../../functions/src/handlers/acknowledgeHardshipAlert';
import { handler as assignHardshipAlert } from '../../functions/src/handlers/assignHardshipAlert';
import { handler as commentHardshipAlert } from '../../functions/src/handlers/commentHardshipAlert';
import { handler as getHardshipAlert } from '../../functions/src/handlers/getHardshipAlert';
import { handler as listEscalatedHardshipAlerts } from '../../functions/src/handlers/listEscalatedHardshipAlerts';
import { handler as listHardshipAlertAssignees } from '../../functions/src/handlers/listHardshipAlertAssignees';
import { handler as listHardshipAlerts } from '../../functions/src/handlers/listHardshipAlerts';
import { handler as listMyHardshipAlerts } from '../../functions/src/handlers/listMyHardshipAlerts';
import { handler as resolveHardshipAlert } from '../../functions/src/handlers/resolveHardshipAlert';
import { handler as startHardshipAlert } from '../../functions/src/handlers/startHardshipAlert';
import { httpEvent, invoke } from '../support/events';

/** Alerts written whole, as HA's raise stores them, so the workflow is tested on known items. */

export const newAlertId = () => `ha_${randomUUID().replace(/-/g, '')}`;
export const newCommentId = () => `hc_${randomUUID().replace(/-/g, '')}`;

/** YYYY-MM-DD `days` after today in Shanghai, by plain calendar arithmetic. */
export function day(days: number): string {
  const d = new Date(`${shanghaiDate(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A 低于低保 alert on `file`, open, assigned to `assignee`; overrides win. */
export function alertRecord(
  file: Pick<HouseholdFile, 'id' | 'orgPath' | 'orgName' | 'district' | 'headName'>,
  assignee: { userId: string; name: string },
  overrides: Partial<AlertRecord> = {},
): AlertRecord {
  const at = new Date().toISOString();
  const visitId = `hv_${randomUUID().replace(/-/g, '')}`;
  return {
    id: newAlertId(),
    fileId: file.id,
    orgPath: file.orgPath,
    orgName: file.orgName,
    district: file.district,
    headName: file.headName,
    rule: 'belowPovertyLine',
    severity: 'high',
    evidence: {
      visit: { visitId, visitedOn: day(-1) },
      perCapitaMonthlyFen: 82_000,
      povertyLine: { monthlyFen: 114_000 },
    },
    basis: visitId,
    policy: { version: 1, orgPath: null },
    status: 'open',
    assigneeUserId: assignee.userId,
    assigneeName: assignee.name,
    raisedAt: at,
    raisedOn: day(0),
    dueOn: day(3),
    evidenceUpdatedAt: at,
    holderOrgPath: file.orgPath,
    escalations: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}

/** Stores an alert and its rule slot (holding it while unresolved). */
export async function putAlert(record: AlertRecord): Promise<AlertRecord> {
  const slot: AlertSlotRecord = {
    fileId: record.fileId,
    rule: record.rule,
    ...(record.status === 'resolved' ? {} : { openAlertId: record.id }),
    lastBasis: record.basis,
    resolvedBases: record.status === 'resolved' ? [record.basis] : [],
    version: 1,
    updatedAt: record.updatedAt,
  };
  await db.send(new PutCommand({ TableName: tableName, Item: alertToItem(record) }));
  await db.send(new PutCommand({ TableName: tableName, Item: alertSlotToItem(slot) }));
  return record;
}

/** Stores many alerts without slots (lists read alerts only), 25 a batch. */
export async function putAlerts(records: AlertRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 25) {
    let pending: unknown[] = records
      .slice(i, i + 25)
      .map((record) => ({ PutRequest: { Item: alertToItem(record) } }));
    while (pending.length > 0) {
      const { UnprocessedItems } = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
      );
      pending = UnprocessedItems?.[tableName] ?? [];
    }
  }
}

/** The raw alert item, read consistently. */
export async function rawAlert(id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk: `HALERT#${id}`, sk: 'ALERT' }, ConsistentRead: true }),
  );
  return Item;
}

/** The raw rule slot of a household, read consistently. */
export async function rawSlot(fileId: string, rule: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `HFILE#${fileId}`, sk: `ALERTRULE#${rule}` },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** Renames a user (fixtures all start as 测试用户), so histories read from → to. */
export async function rename(userId: string, nickname: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `USER#${userId}`, sk: 'PROFILE' },
      UpdateExpression: 'SET nickname = :n',
      ExpressionAttributeValues: { ':n': nickname },
    }),
  );
}

export const ALL_STATUSES: HardshipAlertStatus[] = ['open', 'acknowledged', 'inProgress', 'resolved'];

const alertPath = (id: string, tail = '') => `/staff/hardship/alerts/${id}${tail}`;
const postTo =
  (handler: Parameters<typeof invoke>[0], tail: string) => (token: string, id: string, body: unknown) =>
    invoke(handler, httpEvent({ method: 'POST', path: alertPath(id, tail), token, params: { id }, body }));

export const acknowledge = postTo(acknowledgeHardshipAlert, '/acknowledge');
export const start = postTo(startHardshipAlert, '/start');
export const resolve = postTo(resolveHardshipAlert, '/resolve');
export const assign = postTo(assignHardshipAlert, '/assign');
export const comment = postTo(commentHardshipAlert, '/comments');
export const getAlert = (token: string, id: string) =>
  invoke(getHardshipAlert, httpEvent({ path: alertPath(id), token, params: { id } }));
export const assignees = (token: string, id: string) =>
  invoke(listHardshipAlertAssignees, httpEvent({ path: alertPath(id, '/assignees'), token, params: { id } }));
export const queue = (token: string, query: Record<string, string> = {}) =>
  invoke(listHardshipAlerts, httpEvent({ path: '/staff/hardship/alerts', token, query }));
export const mine = (token: string, query: Record<string, string> = {}) =>
  invoke(listMyHardshipAlerts, httpEvent({ path: '/staff/hardship/alerts/mine', token, query }));
export const escalated = (token: string, query: Record<string, string> = {}) =>
  invoke(listEscalatedHardshipAlerts, httpEvent({ path: '/staff/hardship/alerts/escalated', token, query }));
