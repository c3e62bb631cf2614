import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { env } from './env';
import type { JobMessage } from './jobMessages';
import { traced } from './tracer';

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The one SQS client, created once per container. Locally it talks to the local stack's stand-in
 * for SQS (SQS_ENDPOINT, functions/local/fakeSqs.ts), which hands each message to its consumer.
 */
const sqs = traced(
  new SQSClient({
    region: env.AWS_REGION,
    ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT, credentials: localCredentials } : {}),
  }),
);

/**
 * Queues a job for its consumer: the request answers at once and the job runs within its own, longer
 * timeout. Lambda's event source takes it from the queue; a run that fails is retried by the queue
 * and, past its receive limit, kept in the failed-jobs queue. Throws when SQS did not take it.
 */
export async function queueJob(queueUrl: string, message: JobMessage): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}
