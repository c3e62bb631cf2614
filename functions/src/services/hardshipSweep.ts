import { shanghaiDate } from '@ankang/shared';
import { pageAlertsDue, pageMonitorsToCheck, type StartKey, type SweepPage } from '../db/hardshipSweepReads';
import { SWEEP_SHARDS } from '../db/keys';
import { logger } from '../lib/logger';
import { alertDueNotice } from './hardshipAlertNotices';
import { escalateAlert, type OrgNames, orgNamesFor } from './hardshipEscalation';
import { reviewHousehold } from './hardshipMonitor';
import type { PolicyCache } from './hardshipPolicies';
import { notify } from './notifier';

const DAY_MS = 86_400_000;
/** Records per index page. */
const PAGE_SIZE = 100;
/**
 * Pages of the check index one run reads per shard: 8 × 300 × 100 = 240,000 households a night,
 * beyond a province's monitored households. A run that stops short says so (`complete: false`);
 * the rest are still due (checkOn ≤ today) and the next run takes them first.
 */
const MAX_CHECK_PAGES_PER_SHARD = 300;
/** Pages of the due index per shard and step: 8 × 50 × 100 = 40,000 overdue or due-tomorrow alerts. */
const MAX_DUE_PAGES_PER_SHARD = 50;
/** Reviews, escalations or notices in flight at once (each is a few table calls). */
export const MAX_PARALLEL = 8;

export interface SweepOptions {
  /** Epoch ms after which no new work starts; the run then answers `complete: false`. */
  deadlineMs?: number;
  /** Work in flight at once, 1..MAX_PARALLEL. */
  parallel?: number;
}

export interface SweepRun {
  /** The Shanghai date the run worked for. */
  today: string;
  /** Households whose rules were evaluated (their check date had come). */
  reviewed: number;
  alertsRaised: number;
  alertsUpdated: number;
  /** Overdue alerts moved to the parent org (or marked exhausted at a province). */
  escalated: number;
  /** Due-tomorrow notices sent now (a notice claimed before is not counted again). */
  dueNotices: number;
  /** Index items the sweep read plus what the reviews read. */
  itemsRead: number;
  /** Alerts raised, updated or escalated: what the run changed besides moving check dates. */
  changes: number;
  /** Reviews or escalations that failed (logged); they are still due, so the next run tries again. */
  failed: number;
  /** Index items that did not parse (logged by key) and were skipped; the rest of their shard ran. */
  unreadable: number;
  /** False when the deadline or a page bound stopped a step before its end. */
  complete: boolean;
}

/** Runs `task` for each item with at most `limit` in flight across every caller. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

type Pager<T> = (shard: number, startKey: StartKey) => Promise<SweepPage<T>>;

/**
 * Reads every shard's pages (shards side by side, each at most `maxPages`) and hands each record
 * to `work` through the shared limiter. False when the deadline or the page bound cut it short.
 */
async function overShards<T>(
  pager: Pager<T>,
  maxPages: number,
  work: (record: T) => Promise<void>,
  context: { run: SweepRun; limit: ReturnType<typeof limiter>; pastDeadline: () => boolean },
): Promise<boolean> {
  const finished = await Promise.all(
    Array.from({ length: SWEEP_SHARDS }, async (_, shard) => {
      let startKey: StartKey;
      for (let pages = 0; pages < maxPages; pages += 1) {
        if (context.pastDeadline()) return false;
        const page = await pager(shard, startKey).catch((error: unknown) => {
          // One shard's failed read (throttling) leaves it for the next run; the others go on.
          context.run.failed += 1;
          logger.error('sweep index read failed', { shard, error });
          return null;
        });
        if (!page) return false;
        context.run.itemsRead += page.records.length + page.unreadable.length;
        if (page.unreadable.length > 0) {
          context.run.unreadable += page.unreadable.length;
          logger.error('sweep skipped unreadable items', { shard, keys: page.unreadable });
        }
        await Promise.all(
          page.records.map((record) =>
            context.limit(async () => {
              if (!context.pastDeadline()) await work(record);
            }),
          ),
        );
        startKey = page.lastKey;
        if (!startKey) return !context.pastDeadline();
      }
      return false;
    }),
  );
  return finished.every(Boolean);
}

/**
 * The nightly sweep. (1) Reviews every household whose check date has come (the time-based rules:
 * visit overdue, monitoring window ending; and households imported or written but not yet
 * reviewed); each review moves the check date past today. (2) Escalates every unresolved alert
 * past its due date to the parent of the node holding it (at a province: marks it exhausted); the
 * new due date is days ahead. (3) Tells each assignee of an alert due tomorrow, once per alert and
 * due date. So a second run on the same day finds nothing to do. No Scan: three sharded date
 * indexes, every loop bounded (pages per shard, work in flight, the deadline).
 */
export async function runMonitoringSweep(now: Date, options: SweepOptions = {}): Promise<SweepRun> {
  const today = shanghaiDate(now);
  const tomorrow = shanghaiDate(new Date(now.getTime() + DAY_MS));
  const parallel = Math.max(1, Math.min(MAX_PARALLEL, options.parallel ?? MAX_PARALLEL));
  const run: SweepRun = {
    today,
    reviewed: 0,
    alertsRaised: 0,
    alertsUpdated: 0,
    escalated: 0,
    dueNotices: 0,
    itemsRead: 0,
    changes: 0,
    failed: 0,
    unreadable: 0,
    complete: true,
  };
  const context = {
    run,
    limit: limiter(parallel),
    pastDeadline: () => options.deadlineMs !== undefined && Date.now() >= options.deadlineMs,
  };
  const policyCache: PolicyCache = new Map();
  const orgNames: OrgNames = orgNamesFor();

  // Escalations and due notices first: they are few and bounded, so a night with a large review
  // backlog (an import) still escalates and reminds before the deadline.
  const escalationsDone = await overShards(
    (shard, startKey) => pageAlertsDue(shard, { before: today }, PAGE_SIZE, startKey),
    MAX_DUE_PAGES_PER_SHARD,
    async (alert) => {
      try {
        const outcome = await escalateAlert(alert, now, orgNames);
        if (outcome === 'escalated') run.escalated += 1;
      } catch (error) {
        run.failed += 1;
        logger.error('sweep escalation failed', { alertId: alert.id, error });
      }
    },
    context,
  );

  const noticesDone = await overShards(
    (shard, startKey) => pageAlertsDue(shard, { on: tomorrow }, PAGE_SIZE, startKey),
    MAX_DUE_PAGES_PER_SHARD,
    async (alert) => {
      if ((await notify(alertDueNotice(alert))) === 'sent') run.dueNotices += 1;
    },
    context,
  );

  const reviewsDone = await overShards(
    (shard, startKey) => pageMonitorsToCheck(shard, today, PAGE_SIZE, startKey),
    MAX_CHECK_PAGES_PER_SHARD,
    async (monitor) => {
      try {
        const review = await reviewHousehold(monitor.fileId, now, { policyCache });
        run.reviewed += 1;
        run.alertsRaised += review.raised.length;
        run.alertsUpdated += review.updated.length;
        run.itemsRead += review.itemsRead;
      } catch (error) {
        run.failed += 1;
        logger.error('sweep review failed', { fileId: monitor.fileId, error });
      }
    },
    context,
  );

  run.changes = run.alertsRaised + run.alertsUpdated + run.escalated;
  run.complete = reviewsDone && escalationsDone && noticesDone;
  return run;
}
