import { now } from '../lib/clock';
import { logger } from '../lib/logger';
import { type ReminderRun, sendAssignmentReminders } from '../services/reminders';

/**
 * Not a route: EventBridge calls it every evening (serverless.yml schedule) to remind the holders
 * of tomorrow's tasks. A failure is thrown for Lambda's own retry; the reminders already sent are
 * claimed, so a retry or a rerun sends each at most once.
 */
export async function handler(): Promise<ReminderRun> {
  const run = await sendAssignmentReminders(now());
  logger.info('assignment reminders', { ...run });
  return run;
}
