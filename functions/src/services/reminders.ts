import { shanghaiDate } from '@ankang/shared';
import { pageLiveAssignmentsOnDate } from '../db/assignments';
import { reminderNotice } from './assignmentNotices';
import { type NoticeOutcome, notify } from './notifier';

const DAY_MS = 86_400_000;
/** Tasks read per query page. */
const PAGE_SIZE = 100;
/**
 * Pages one run reads: 5,000 tasks a day, far beyond one county's campaign. A run that stops
 * short says so (`complete: false`); a second run skips what the first sent and goes on.
 */
const MAX_PAGES = 50;
/** Messages in flight at once: WeChat and the table are called a few times per message. */
const PARALLEL = 8;
/**
 * A run this long after its schedule's moment (a failed run sent again, see the README's runbook)
 * reminds no one: the "tomorrow" it is about is today or already past, and a message at that hour
 * would mislead more than it helps.
 */
const STALE_AFTER_MS = 12 * 3_600_000;

export interface ReminderRun {
  /** The (Shanghai) date whose tasks were reminded. */
  date: string;
  tasks: number;
  outcomes: Partial<Record<NoticeOutcome, number>>;
  /** False when the page limit stopped the run before the last task. */
  complete: boolean;
  /** Set when the run sent nothing because it came too late after its schedule (STALE_AFTER_MS). */
  skipped?: 'stale';
}

/**
 * The daily job: a "明天的任务" reminder to the holder of every waiting or accepted task of the
 * Shanghai day after `scheduledAt` (the schedule's moment, so a run sent again later still means
 * the same day), unless `at`, the time now, is more than STALE_AFTER_MS later. Each reminder is
 * sent at most once (the notifier claims it), so the job may run again (a retried invocation, a
 * manual rerun) without sending anything twice; reminders whose send failed are tried again by such
 * a rerun.
 */
export async function sendAssignmentReminders(scheduledAt: Date, at: Date): Promise<ReminderRun> {
  const date = shanghaiDate(new Date(scheduledAt.getTime() + DAY_MS));
  const run: ReminderRun = { date, tasks: 0, outcomes: {}, complete: true };
  if (at.getTime() - scheduledAt.getTime() > STALE_AFTER_MS) return { ...run, skipped: 'stale' };
  let startKey: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const page = await pageLiveAssignmentsOnDate(date, PAGE_SIZE, startKey);
    for (let i = 0; i < page.records.length; i += PARALLEL) {
      const outcomes = await Promise.all(
        page.records.slice(i, i + PARALLEL).map((record) => notify(reminderNotice(record))),
      );
      for (const outcome of outcomes) run.outcomes[outcome] = (run.outcomes[outcome] ?? 0) + 1;
    }
    run.tasks += page.records.length;
    startKey = page.lastKey;
    pages += 1;
  } while (startKey && pages < MAX_PAGES);
  run.complete = startKey === undefined;
  return run;
}
