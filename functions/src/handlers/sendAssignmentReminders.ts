import { now } from '../lib/clock';
import { jobConsumer } from '../lib/jobConsumer';
import type { JobMessageOf } from '../lib/jobMessages';
import { logger } from '../lib/logger';
import { type ReminderRun, sendAssignmentReminders } from '../services/reminders';

/**
 * One message of the reminders' queue (EventBridge's evening rule queues one, serverless.yml): the
 * holders of tomorrow's tasks are reminded. "Tomorrow" is counted from the schedule's moment, so a
 * failed run sent again later means the same day (or, too late, sends nothing). The reminders
 * already sent are claimed, so a second delivery of the message sends each at most once.
 */
export async function remindTomorrow(message: JobMessageOf<'reminders'>): Promise<ReminderRun> {
  const scheduledAt = new Date(message.scheduledAt);
  const run = await sendAssignmentReminders(scheduledAt, now());
  if (run.skipped) {
    logger.warn('assignment reminders skipped: the run came too late after its schedule', {
      ...run,
      scheduledAt: message.scheduledAt,
    });
  }
  return run;
}

export const handler = jobConsumer('reminders', remindTomorrow);
