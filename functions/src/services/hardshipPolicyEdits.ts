import type { HardshipPolicyDraft, HardshipPolicySet, HardshipPolicyView } from '@ankang/shared';
import { auditEventPut, newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import { getPolicyRecord, type HardshipPolicyRecord, putPolicyVersion } from '../db/hardshipPolicies';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { policyOrg, readPolicyView } from './hardshipPolicies';

/** The thresholds a draft and a stored policy share (the stored one's version aside). */
const thresholdKeys = [
  'relativeMultiple',
  'incomeDropPercent',
  'medicalShareOfIncome',
  'cadenceActiveDays',
  'cadenceRecentExitDays',
  'cadenceAfterHighDays',
  'monitoringMonths',
  'exitReviewMonths',
  'windowEndingNoticeDays',
] as const satisfies readonly (keyof HardshipPolicyDraft)[];

/** Whether the node's current setting already says exactly what the body asks (a retry, a double tap). */
function alreadySet(current: HardshipPolicyRecord | null, body: HardshipPolicySet): boolean {
  const policy = current?.policy;
  if (!policy) return false;
  return thresholdKeys.every((key) => policy[key] === body.policy[key]) && current.note === body.note;
}

function staleVersion(current: HardshipPolicyRecord | null): AppError {
  return new AppError('VERSION_CONFLICT', {
    message: '规则已被他人修改，请刷新后重试',
    details: { currentVersion: current?.version ?? 0 },
  });
}

/**
 * Writes the node's next version over `expected` with its audit event, then answers the view. A
 * lost race (the CURRENT item moved after it was read) is answered as the retry it may be, else 409.
 */
async function writeVersion(
  caller: Caller,
  record: HardshipPolicyRecord,
  expected: number,
  action: 'setHardshipPolicy' | 'clearHardshipPolicy',
  isRetry: (current: HardshipPolicyRecord | null) => boolean,
): Promise<HardshipPolicyView> {
  const audit = auditEventPut({
    id: newAuditEventId(),
    actorUserId: caller.userId,
    actorName: caller.nickname,
    action,
    subjectType: 'hardshipPolicy',
    subjectId: `POLICY#${record.orgPath}`,
    orgPath: record.orgPath,
    ...(record.note === undefined ? {} : { reason: record.note }),
    at: record.setAt,
  });
  // Two admins saving at the same instant may cancel each other (TransactionConflict): tried again.
  if (await retryOnConflict(() => putPolicyVersion(record, expected, [audit]))) {
    return readPolicyView(record.orgPath, record);
  }
  const current = await getPolicyRecord(record.orgPath);
  if (isRetry(current)) return readPolicyView(record.orgPath, current ?? undefined);
  throw staleVersion(current);
}

/**
 * An admin sets a node's whole policy (it overrides every threshold it inherits). The same policy
 * and note again answers the current state and writes nothing, whatever version it names (a retry
 * after a lost answer); anything else must name the version it was based on, or 409.
 */
export async function setHardshipPolicy(
  caller: Caller,
  body: HardshipPolicySet,
): Promise<HardshipPolicyView> {
  const [node, current] = await Promise.all([policyOrg(body.orgPath), getPolicyRecord(body.orgPath)]);
  if (alreadySet(current, body)) return readPolicyView(body.orgPath, current!);
  if (body.expectedVersion !== (current?.version ?? 0)) throw staleVersion(current);
  const version = body.expectedVersion + 1;
  const record: HardshipPolicyRecord = {
    orgPath: body.orgPath,
    orgName: node.name,
    policy: { ...body.policy, version },
    setByUserId: caller.userId,
    setByName: caller.nickname,
    setAt: now().toISOString(),
    ...(body.note === undefined ? {} : { note: body.note }),
    version,
  };
  return writeVersion(caller, record, body.expectedVersion, 'setHardshipPolicy', (after) =>
    alreadySet(after, body),
  );
}

/**
 * An admin returns a node to inheriting (恢复继承). A node that inherits already answers its state
 * and writes nothing (a retry); clearing a setting changed since it was read is 409.
 */
export async function clearHardshipPolicy(
  caller: Caller,
  query: { orgPath: string; expectedVersion: number },
): Promise<HardshipPolicyView> {
  const [node, current] = await Promise.all([policyOrg(query.orgPath), getPolicyRecord(query.orgPath)]);
  if (!current?.policy) return readPolicyView(query.orgPath, current ?? undefined);
  if (query.expectedVersion !== current.version) throw staleVersion(current);
  const version = current.version + 1;
  const record: HardshipPolicyRecord = {
    orgPath: query.orgPath,
    orgName: node.name,
    setByUserId: caller.userId,
    setByName: caller.nickname,
    setAt: now().toISOString(),
    version,
  };
  return writeVersion(caller, record, current.version, 'clearHardshipPolicy', (after) => !after?.policy);
}
