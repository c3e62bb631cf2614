import { type JobName, jobNames, jobQueueName } from '../src/lib/jobMessages';
import { offlineConsumer, startFakeSqs } from './fakeSqs';

/** Each job's consumer, as serverless.yml gives its queue to (tests/template checks the two agree). */
export const jobConsumers: Record<JobName, string> = {
  export: 'runDeliveryExport',
  sweep: 'runMonitoringSweep',
  reminders: 'sendAssignmentReminders',
};

/**
 * The local stage's job queues: the stand-in for SQS, handing each job's messages to its consumer in
 * serverless-offline once `consumeWith` names offline's Lambda API (offline itself must first be
 * told where the queues are).
 */
export async function startLocalJobQueues() {
  let lambdaEndpoint: string | undefined;
  const queues = await startFakeSqs((queueName) => {
    const job = jobNames.find((name) => jobQueueName('local', name) === queueName);
    if (!job) return undefined;
    return (message) => {
      if (!lambdaEndpoint) return Promise.reject(new Error('the job queues have no Lambda API yet'));
      return offlineConsumer(lambdaEndpoint, `ankang-local-${jobConsumers[job]}`)(message);
    };
  });
  return {
    ...queues,
    consumeWith(endpoint: string) {
      lambdaEndpoint = endpoint;
    },
  };
}
