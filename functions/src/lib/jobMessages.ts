import { exportIdSchema } from '@ankang/shared';
import { z } from 'zod';

/**
 * What a job's queue carries (serverless.yml: one queue per job, each redriving to the failed-jobs
 * queue). Every message names its job, so one in the failed-jobs queue says which queue it came from
 * (npm run jobs:redrive sends it back there) and a consumer never runs another job's message.
 */
export const jobMessageSchema = z.discriminatedUnion('job', [
  /** A large report export, queued by createDeliveryExport. */
  z.object({ job: z.literal('export'), exportId: exportIdSchema }),
  /** The nightly monitoring sweep (EventBridge's rule sends it; the sweep reads no input). */
  z.object({ job: z.literal('sweep') }),
  /**
   * The evening's task reminders: `scheduledAt` is the schedule's moment (the rule's input
   * transformer copies the event's `time`), so a run sent again later still means the same day.
   */
  z.object({ job: z.literal('reminders'), scheduledAt: z.iso.datetime() }),
]);
export type JobMessage = z.infer<typeof jobMessageSchema>;
export type JobName = JobMessage['job'];
export type JobMessageOf<J extends JobName> = Extract<JobMessage, { job: J }>;

export const jobNames = ['export', 'sweep', 'reminders'] as const satisfies readonly JobName[];

/** A job's queue as serverless.yml names it. */
export const jobQueueName = (stage: string, job: JobName) => `ankang-${stage}-${job}-jobs`;

/** Where every job's failed messages end up (JobDeadLetterQueue). */
export const failedJobsQueueName = (stage: string) => `ankang-${stage}-failed-jobs`;
