import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { failedJobsQueueName, type JobName, jobMessageSchema, jobQueueName } from '../src/lib/jobMessages';

/** The most messages one run handles, whatever `--max` asks: a run's output stays readable. */
export const REDRIVE_MAX_LIMIT = 1000;
/** Messages one receive asks for: SQS's own limit. */
const RECEIVE_BATCH = 10;
/**
 * How long a received message stays hidden: longer than a run of REDRIVE_MAX_LIMIT messages takes,
 * so no message comes back within the same run and is counted twice. The messages a run keeps are
 * made visible again when it ends (see release).
 */
const VISIBILITY_SECONDS = 600;
/** Long polling asks every SQS server, so a queue with a few messages never answers empty by chance. */
const WAIT_SECONDS = 2;

/** What each job's message is, for the operator's lines. */
const jobLabels: Record<JobName, string> = { export: '报表导出', sweep: '防返困巡检', reminders: '任务提醒' };

type Parsed = { ok: true; job: JobName; what: string } | { ok: false; reason: string };

/** A failed job's message as its queue carried it (it names its job), or why it is not one. */
function parseMessage(message: Message): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(message.Body ?? '');
  } catch {
    return { ok: false, reason: '内容不是 JSON' };
  }
  const parsed = jobMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: '不是本系统任务的消息' };
  const job = parsed.data;
  const detail =
    job.job === 'export'
      ? `导出 ${job.exportId}`
      : job.job === 'reminders'
        ? `计划于 ${job.scheduledAt}`
        : '';
  return {
    ok: true,
    job: job.job,
    what: `${jobLabels[job.job]}${detail ? `（${detail}）` : ''}，消息 ${message.MessageId}`,
  };
}

export interface RedriveOptions {
  stage: string;
  /** Messages to receive at most (1 to REDRIVE_MAX_LIMIT). */
  max: number;
  /** Lists what would be sent; sends nothing and deletes nothing. */
  dryRun: boolean;
}

export interface RedriveReport {
  /** Runs sent again (in a dry run: that would be sent) and their messages deleted. */
  sent: number;
  /** Messages left in the queue: not a job's message. */
  left: number;
  /** Runs whose sending failed (kept in the queue), or sent but whose message could not be deleted. */
  failed: number;
}

/** Where the command's lines go: progress to `info`, what needs the operator to `problem`. */
export interface RedriveOutput {
  info(line: string): void;
  problem(line: string): void;
}

const consoleOutput: RedriveOutput = { info: console.log, problem: console.error };

/**
 * Sends the failed runs in the stage's failed-jobs queue again: each message, as it was, back to
 * its job's queue (the message names its job), where the job's consumer takes it as it took the
 * first. A message is deleted from the failed-jobs queue only once its job's queue has taken it, so
 * a refused send leaves the run in the failed-jobs queue; a message that is not a job's is left and
 * listed for a person to look at. Every job may run a message twice without harm.
 */
export async function redriveJobs(
  sqs: SQSClient,
  options: RedriveOptions,
  output: RedriveOutput = consoleOutput,
): Promise<RedriveReport> {
  const queueName = failedJobsQueueName(options.stage);
  const QueueUrl = await queueUrlOf(sqs, queueName);
  /** The jobs' queues, looked up when first needed. */
  const jobQueues = new Map<JobName, Promise<string>>();
  const jobQueueUrl = (job: JobName) => {
    if (!jobQueues.has(job)) jobQueues.set(job, queueUrlOf(sqs, jobQueueName(options.stage, job)));
    return jobQueues.get(job)!;
  };
  const report: RedriveReport = { sent: 0, left: 0, failed: 0 };
  /** Received and not deleted: shown again to the queue's readers when the run ends. */
  const kept: Message[] = [];
  let received = 0;
  try {
    while (received < options.max) {
      const answer = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: Math.min(RECEIVE_BATCH, options.max - received),
          VisibilityTimeout: VISIBILITY_SECONDS,
          WaitTimeSeconds: WAIT_SECONDS,
        }),
      );
      const messages = answer.Messages ?? [];
      if (messages.length === 0) break;
      // SQS never answers more than asked; were it to, the extra ones are only released.
      const taken = messages.slice(0, options.max - received);
      kept.push(...messages.slice(taken.length));
      received += taken.length;
      for (const message of taken) {
        const outcome = await redriveOne(message);
        report[outcome] += 1;
      }
    }
  } finally {
    await release(sqs, QueueUrl, kept, output);
  }

  if (received === 0) output.info(`队列 ${queueName} 中没有失败的任务。`);
  else if (received >= options.max) {
    output.info(`已处理 --max ${options.max} 条，队列中可能还有消息：再运行一次继续。`);
  }
  output.info(
    options.dryRun
      ? `试运行（未做任何更改）：将重发 ${report.sent} 条，留在队列 ${report.left} 条。`
      : `已重发 ${report.sent} 条，留在队列 ${report.left} 条，失败 ${report.failed} 条。`,
  );
  if (report.left > 0) {
    output.problem(`留在队列的消息请人工查看（SQS 控制台 → ${queueName} → 发送和接收消息）。`);
  }
  return report;

  async function redriveOne(message: Message): Promise<keyof RedriveReport> {
    const parsed = parseMessage(message);
    if (!parsed.ok) {
      kept.push(message);
      output.problem(`留在队列：消息 ${message.MessageId}：${parsed.reason}`);
      return 'left';
    }
    if (options.dryRun) {
      kept.push(message);
      output.info(`将重发：${parsed.what}`);
      return 'sent';
    }
    try {
      await sqs.send(
        new SendMessageCommand({ QueueUrl: await jobQueueUrl(parsed.job), MessageBody: message.Body }),
      );
    } catch (error) {
      kept.push(message);
      output.problem(`重发失败（留在队列）：${parsed.what}：${messageOf(error)}`);
      return 'failed';
    }
    try {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    } catch (error) {
      // Not released: it comes back after VISIBILITY_SECONDS, and sending it once more does no harm.
      output.problem(`已重发，但删除消息失败（消息稍后会重新出现）：${parsed.what}：${messageOf(error)}`);
      return 'failed';
    }
    output.info(`已重发：${parsed.what}`);
    return 'sent';
  }
}

async function queueUrlOf(sqs: SQSClient, QueueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName }));
  if (!QueueUrl) throw new Error(`找不到队列 ${QueueName}`);
  return QueueUrl;
}

/** Makes the kept messages visible again at once, rather than after VISIBILITY_SECONDS. */
async function release(sqs: SQSClient, QueueUrl: string, kept: Message[], output: RedriveOutput) {
  for (let i = 0; i < kept.length; i += RECEIVE_BATCH) {
    const entries = kept.slice(i, i + RECEIVE_BATCH).map((message, n) => ({
      Id: String(n),
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 0,
    }));
    try {
      const answer = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: entries }));
      if (answer.Failed?.length) throw new Error(answer.Failed.map((entry) => entry.Message).join('；'));
    } catch (error) {
      // Harmless: those messages reappear by themselves when their visibility timeout ends.
      output.problem(
        `有消息未能立即放回队列，${VISIBILITY_SECONDS / 60} 分钟后自动重新可见：${messageOf(error)}`,
      );
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
