import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger';

/**
 * Business and error counts as CloudWatch metrics, in the embedded metric format: JSON lines in the
 * function's log that CloudWatch turns into metrics, so counting costs no call on the request path.
 * Namespace `Ankang`, dimension `service`; published at the end of each invocation (logMetrics, in
 * the routes' pipeline and in a job's, lib/observedJob.ts). Off where POWERTOOLS_METRICS_DISABLED
 * is set (the local stage).
 */
export const metrics = new Metrics({
  namespace: 'Ankang',
  serviceName: 'ankang',
  // Its own notes through our logger. "No application metrics to publish" is most requests (a read
  // counts nothing): a debug line, not a warning on every answer.
  logger: {
    debug: (message: string) => logger.debug(message),
    info: (message: string) => logger.debug(message),
    warn: (message: string) => logger.debug(message),
    error: (message: string) => logger.error(message),
  },
});

/** What the app counts: each a thing that happened once (a retry that stores nothing counts nothing). */
export type BusinessCount =
  | 'deliveryRecorded'
  | 'alertRaised'
  | 'problemReported'
  | 'stationRated'
  | 'stationSuggested';

export function countBusiness(name: BusinessCount, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * One error answer or failure, by its stable code (a closed catalog, so the dimension stays small):
 * published on its own, since the invocation's other metrics do not share the `code` dimension.
 */
export function countError(code: string): void {
  const single = metrics.singleMetric();
  single.addDimension('code', code);
  single.addMetric('errorAnswered', MetricUnit.Count, 1);
}
