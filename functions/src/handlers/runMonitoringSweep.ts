import type { Context } from 'aws-lambda';
import { now } from '../lib/clock';
import { logger } from '../lib/logger';
import { observedJob } from '../lib/observedJob';
import { runMonitoringSweep, type SweepRun } from '../services/hardshipSweep';

/**
 * Time kept back from the Lambda's limit: the sweep stops taking new work at its deadline, and the
 * reviews and escalations already in flight (a few transactions each) finish within it.
 */
const FINISH_MARGIN_MS = 60_000;

/**
 * Not a route: EventBridge calls it every night (serverless.yml schedule). A run that reaches its
 * deadline stops and says `complete: false`; the next run (or Lambda's retry of a failed one) goes
 * on, since everything done is recorded (checkOn moved, alert escalated, notice claimed).
 */
export const handler = observedJob(async (_event: unknown, context: Context): Promise<SweepRun> => {
  const started = now();
  const run = await runMonitoringSweep(started, {
    deadlineMs: Date.now() + context.getRemainingTimeInMillis() - FINISH_MARGIN_MS,
  });
  logger.info('monitoring sweep', { ...run, ms: Date.now() - started.getTime() });
  return run;
});
