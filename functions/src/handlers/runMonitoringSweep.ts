import type { Context } from 'aws-lambda';
import { now } from '../lib/clock';
import { jobConsumer } from '../lib/jobConsumer';
import { runMonitoringSweep, type SweepRun } from '../services/hardshipSweep';

/**
 * Time kept back from the Lambda's limit: the sweep stops taking new work at its deadline, and the
 * reviews and escalations already in flight (a few transactions each) finish within it.
 */
const FINISH_MARGIN_MS = 60_000;

/**
 * One message of the sweep's queue (EventBridge's nightly rule queues one, serverless.yml). A run
 * that reaches its deadline stops and says `complete: false`; the next run goes on, and a second
 * delivery of the same message does nothing twice, since everything done is recorded (checkOn
 * moved, alert escalated, notice claimed).
 */
export async function sweepUntilDeadline(
  context: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<SweepRun> {
  return runMonitoringSweep(now(), {
    deadlineMs: Date.now() + context.getRemainingTimeInMillis() - FINISH_MARGIN_MS,
  });
}

export const handler = jobConsumer('sweep', (_message, context) => sweepUntilDeadline(context));
