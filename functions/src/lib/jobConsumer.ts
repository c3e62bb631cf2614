import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type JobMessageOf, type JobName, jobMessageSchema } from './jobMessages';
import { logger } from './logger';
import { observedJob } from './observedJob';

/**
 * A job's queue consumer: each message parsed as this job's, then run. A message that throws (or is
 * not this job's) is reported failed on its own (ReportBatchItemFailures), so the queue shows it
 * again after its visibility timeout and, past the queue's receive limit, moves it to the failed-jobs
 * queue. Every job may run a message twice without harm (each run's doc comment says why): the queue
 * delivers at least once.
 */
export function jobConsumer<J extends JobName, Result>(
  job: J,
  run: (message: JobMessageOf<J>, context: Context) => Promise<Result>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord, context: Context) => {
    const result = await run(jobMessageOf(job, record.body), context);
    logger.info('job done', { job, messageId: record.messageId, result });
  };
  // One record at a time: a job is long and heavy, and its queue hands over one message per batch.
  // A batch whose every record failed is answered like any other (not thrown): the queue then shows
  // exactly the failed messages again, and the invocation's own error count stays for real crashes.
  return observedJob((event: SQSEvent, context: Context) =>
    processPartialResponse(event, handleRecord, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    }),
  );
}

/** The message as this job's, or an error naming what is wrong (the message is kept for a person). */
function jobMessageOf<J extends JobName>(job: J, body: string): JobMessageOf<J> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`${job} job: the message is not JSON`);
  }
  const parsed = jobMessageSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${job} job: not a job message (${parsed.error.issues[0]?.message})`);
  if (parsed.data.job !== job) throw new Error(`${job} job: a ${parsed.data.job} message on this queue`);
  return parsed.data as JobMessageOf<J>;
}
