import { type AlertRef, shanghaiDate } from '@ankang/shared';
import type { AlertRecord, MonitorRecord } from '../db/hardshipAlertItems';
import {
  deleteOrphanMonitor,
  getAlertsById,
  putMonitorAfterReview,
  readHouseholdForReview,
} from '../db/hardshipAlerts';
import { logger } from '../lib/logger';
import { followFile } from './hardshipAlertFollow';
import { alertAssignedNotice } from './hardshipAlertNotices';
import { refOf, type Settled, settleRuleAlert } from './hardshipAlertRaise';
import { nextCheckOn } from './hardshipAlertRules';
import { effectivePolicy, type PolicyCache } from './hardshipPolicies';
import { windowEnd } from './hardshipRuleChecks';
import { evaluateRules, visitsInEffect } from './hardshipRuleEvaluation';
import { notify } from './notifier';

/** What one household's review did. */
export interface ReviewOutcome {
  raised: AlertRef[];
  updated: AlertRef[];
  /**
   * The open alerts of the rules that fired, as the review left them (raised, updated or already
   * so): a visit's answer names those standing on it without reading them again.
   */
  open: AlertRecord[];
  /** Results that changed nothing (open with the same evidence, or a basis resolved before). */
  unchanged: number;
  /** The monitor's next check date (unchanged when the file is gone). */
  checkOn: string;
  itemsRead: number;
}

export interface ReviewOptions {
  /** Effective policies shared by the reviews of one run (the sweep). */
  policyCache?: PolicyCache;
}

/**
 * Reviews one household now: evaluates the rules on its file and latest visits under its org's
 * effective policy, raises what is new, updates what is open (each rule one conditional
 * transaction, at most 8), brings open alerts in line with a moved or renamed file, then moves its monitor to the next day a time-based rule may answer
 * differently. The assignee of each new alert is notified after its write committed. Running it
 * twice on the same facts writes nothing the second time.
 */
export async function reviewHousehold(
  fileId: string,
  now: Date,
  options: ReviewOptions = {},
): Promise<ReviewOutcome> {
  const today = shanghaiDate(now);
  const read = await readHouseholdForReview(fileId);
  const { file } = read;
  if (!file) {
    // Files are not deleted today; should one go, its monitor must not come up every night.
    if (read.monitor) {
      logger.warn('monitor of a file that is gone: deleted', { fileId });
      await deleteOrphanMonitor(fileId, read.monitor.version);
    }
    return { raised: [], updated: [], open: [], unchanged: 0, checkOn: today, itemsRead: read.itemsRead };
  }
  const { policy, orgPath: policyOrgPath } = await effectivePolicy(file.orgPath, options.policyCache);
  const results = evaluateRules(file, read.visits, policy, now);
  const context = {
    file,
    policy: { version: policy.version, orgPath: policyOrgPath },
    at: now.toISOString(),
    today,
  };
  // The alerts the slots name, in one read; each settle and followFile starts from these (and
  // from what a settle wrote), reading again only to retry a write that lost a race.
  const alerts = await getAlertsById(
    [...read.slots.values()].flatMap((slot) => (slot.openAlertId ? [slot.openAlertId] : [])),
  );
  const settled: Settled[] = [];
  // One rule after another: each is a transaction on the same partition, and they are few.
  for (const result of results) {
    const slot = read.slots.get(result.rule) ?? null;
    const named = slot?.openAlertId ? (alerts.get(slot.openAlertId) ?? null) : null;
    const outcome = await settleRuleAlert(context, result, slot, named);
    if (outcome.alert) alerts.set(outcome.alert.id, outcome.alert);
    settled.push(outcome);
  }

  const reassigned = await followFile(file, read.slots.values(), alerts, context.at);

  const lastVisit = visitsInEffect(read.visits).at(-1);
  const checkOn = nextCheckOn({
    today,
    policy,
    lastVisit,
    createdOn: shanghaiDate(new Date(file.createdAt)),
    windowEndsOn: windowEnd({ file, policy, history: [], today }),
    highRaised: results.some((result) => result.severity === 'high'),
  });
  await moveMonitor(read.monitor, {
    fileId,
    orgPath: file.orgPath,
    checkOn,
    at: context.at,
    demo: file.demo,
  });

  const raised = settled.flatMap((s) => (s.kind === 'raised' ? [s.alert] : []));
  await Promise.all([
    ...raised.map((alert) => notify(alertAssignedNotice(alert))),
    ...reassigned.map((alert) => notify(alertAssignedNotice(alert, '档案移交，预警改由您处理'))),
  ]);
  return {
    raised: raised.map(refOf),
    updated: settled.flatMap((s) => (s.kind === 'updated' ? [refOf(s.alert)] : [])),
    open: settled.flatMap((s) => (s.alert ? [s.alert] : [])),
    unchanged: settled.filter((s) => s.kind === 'unchanged').length,
    checkOn,
    itemsRead: read.itemsRead,
  };
}

/**
 * The monitor moved to its next check, over the version read; skipped when it already says so.
 * A write since the read ("check today" from a new visit) wins: the sweep or that write's own
 * review looks again.
 */
async function moveMonitor(
  current: MonitorRecord | null,
  next: { fileId: string; orgPath: string; checkOn: string; at: string; demo?: true | undefined },
): Promise<void> {
  if (current && current.checkOn === next.checkOn && current.orgPath === next.orgPath) return;
  const record: MonitorRecord = {
    fileId: next.fileId,
    orgPath: next.orgPath,
    checkOn: next.checkOn,
    lastReviewedAt: next.at,
    ...(next.demo ? { demo: true as const } : {}),
    version: (current?.version ?? 0) + 1,
    updatedAt: next.at,
  };
  const moved = await putMonitorAfterReview(record, current?.version ?? null);
  if (!moved) logger.info('monitor changed during review', { fileId: next.fileId });
}

/**
 * Reviews a household after a write committed (a visit, a file create or edit). A failure is
 * logged, never thrown: the write stands, and its monitor's "check today" lets the sweep review it.
 */
export async function reviewAfterWrite(fileId: string, now: Date): Promise<ReviewOutcome | null> {
  try {
    return await reviewHousehold(fileId, now);
  } catch (error) {
    logger.error('household review after write failed', { fileId, error });
    return null;
  }
}
