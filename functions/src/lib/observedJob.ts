import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { metrics } from './metrics';
import { tracer } from './tracer';

/**
 * A job's queue consumer (lib/jobConsumer.ts, not a route) with what the pipeline gives
 * every route: its invocation traced, and the counts it made published when it ends, also when it
 * throws (a failure still counts what it did before). Its result stays out of the trace, as a
 * route's answer does.
 */
export function observedJob<Event, Result>(
  handler: (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  // No early timeout of middy's own: each job watches its deadline itself and stops in good order.
  return middy(handler, { timeoutEarlyInMillis: 0 })
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics));
}
