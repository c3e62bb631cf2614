import { jobConsumer } from '../lib/jobConsumer';
import { runDeliveryExport } from '../services/deliveryExportJob';

/**
 * One message of the export queue (createDeliveryExport queues one for an export too large for one
 * request). The job never throws: every failure is written onto the export as `failed`, and a second
 * delivery of the message finds the export already taken on and does nothing.
 */
export const handler = jobConsumer('export', (message, context) =>
  runDeliveryExport(message.exportId, () => context.getRemainingTimeInMillis()),
);
