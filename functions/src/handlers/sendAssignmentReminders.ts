import { now } from '../lib/clock';
import { logger } from '../lib/logger';
import { observedJob } from '../lib/observedJob';
import { type ReminderRun, scheduledMomentOf, sendAssignmentReminders } from '../services/reminders';

/**
 * Not a route: EventBridge calls it every evening (serverless.yml schedule) to remind the holders
 * of tomorrow's tasks. A failure is thrown for Lambda's own retry; the reminders already sent are
 * claimed, so a retry or a rerun sends each at most once. "Tomorrow" is counted from the schedule's
 * moment, so a failed run sent again later means the same day (or, too late, sends nothing); an
 * invoke without one (a manual run) counts from now.
 */
export const handler = observedJob(async (event: unknown): Promise<ReminderRun> => {
  const at = now();
  const scheduledAt = scheduledMomentOf(event);
  const run = await sendAssignmentReminders(scheduledAt ?? at, at);
  if (run.skipped) {
    logger.warn('assignment reminders skipped: the run came too late after its schedule', {
      ...run,
      scheduledAt: scheduledAt?.toISOString(),
    });
  } else logger.info('assignment reminders', { ...run });
  return run;
});
