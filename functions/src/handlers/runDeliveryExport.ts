import type { Context } from 'aws-lambda';
import { logger } from '../lib/logger';
import { observedJob } from '../lib/observedJob';
import { runDeliveryExport } from '../services/deliveryExportJob';

/**
 * Not a route: createDeliveryExport invokes it asynchronously (InvocationType 'Event') for an export
 * too large for one request. It never throws: every failure is written onto the export as `failed`
 * (a throw would only make Lambda retry, and crash serverless-offline's process locally).
 */
export const handler = observedJob(async (event: { exportId?: unknown }, context: Context): Promise<void> => {
  if (typeof event?.exportId !== 'string') {
    logger.error('export job without an export id', { event });
    return;
  }
  await runDeliveryExport(event.exportId, () => context.getRemainingTimeInMillis());
});
