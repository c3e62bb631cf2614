import { defaultHardshipPolicy } from '@ankang/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditEventPut } from '../src/db/audit';
import { type HardshipPolicyRecord, hardshipPolicyItems } from '../src/db/hardshipPolicies';
import { demoCaller } from './demoHouseholds';
import { demoItemIn, transactIfAbsent } from './seedWrites';

/**
 * The demo's one rule override: 苏州市 visits households that left hardship within the year every
 * 60 days instead of 90, so the 规则设置 page shows a node's own setting (苏州), what inherits it
 * (张家港, 大新镇, 园区) and the system default (江苏) at once.
 */
export const demoPolicyOverrides = [
  {
    orgPath: '320000/320500',
    orgName: '苏州市总工会',
    setBy: 'admin',
    setOn: '2026-01-05',
    changes: { cadenceRecentExitDays: 60 },
    note: '苏州市防止返困监测细则（2026）',
  },
] as const;

/** The override's record as setHardshipPolicy stores it (version 1). */
export function demoPolicyRecords(at: Date): HardshipPolicyRecord[] {
  return demoPolicyOverrides.map((override) => {
    const setter = demoCaller(override.setBy);
    return {
      orgPath: override.orgPath,
      orgName: override.orgName,
      policy: { ...defaultHardshipPolicy, ...override.changes, version: 1 },
      setByUserId: setter.userId,
      setByName: setter.nickname,
      // Set before the demo's history starts, never in the future of the seed day.
      setAt: new Date(Math.min(at.getTime(), Date.parse(`${override.setOn}T09:00:00+08:00`))).toISOString(),
      note: override.note,
      version: 1,
      demo: true,
    };
  });
}

/**
 * Seeds each override as the API writes it: CURRENT, its history version and the audit event in
 * one transaction, only where the node has none yet (an admin's later edit survives a re-seed).
 * Returns how many were new.
 */
export async function seedDemoPolicies(
  db: DynamoDBDocumentClient,
  tableName: string,
  at: Date,
): Promise<number> {
  let written = 0;
  for (const record of demoPolicyRecords(at)) {
    const { current, history } = hardshipPolicyItems(record);
    const items = [
      { Put: { TableName: tableName, Item: current, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName, Item: history, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditEventPut({
        id: `ev_demo_policy_${record.version}`,
        actorUserId: record.setByUserId,
        actorName: record.setByName,
        action: 'setHardshipPolicy',
        subjectType: 'hardshipPolicy',
        subjectId: `POLICY#${record.orgPath}`,
        orgPath: record.orgPath,
        reason: record.note,
        at: record.setAt,
      }),
    ];
    written += await transactIfAbsent(
      db,
      items.map((item) => demoItemIn(tableName, item)),
    );
  }
  return written;
}
