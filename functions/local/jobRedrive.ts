import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { z } from 'zod';

/**
 * The jobs whose failed runs Lambda's on-failure destination keeps in the stage's failed-jobs queue
 * (serverless.yml `destinations.onFailure`). Each may run twice without harm (their handlers' doc
 * comments say why), which is what makes sending a run again safe.
 */
export const redrivableJobs = ['sendAssignmentReminders', 'runMonitoringSweep', 'runDeliveryExport'] as const;

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

/** The queue as serverless.yml names it (JobDeadLetterQueue: `${service}-${stage}-failed-jobs`). */
export const failedJobsQueueName = (stage: string) => `ankang-${stage}-failed-jobs`;

/** Lambda's destination record: only the fields a redrive reads (the failure's own are for people). */
const destinationRecordSchema = z.object({
  timestamp: z.string(),
  requestContext: z.object({ requestId: z.string(), functionArn: z.string() }),
  requestPayload: z.json(),
});

/** An unqualified or `$LATEST` function ARN; any other version or alias is not what the stage runs. */
const functionArnPattern =
  /^(arn:aws(?:-cn|-us-gov)?:lambda:([a-z0-9-]+):\d{12}:function:([A-Za-z0-9_-]+))(?::\$LATEST)?$/;

type Parsed =
  | { ok: true; functionArn: string; functionName: string; payload: unknown; what: string }
  | { ok: false; reason: string };

function parseRecord(body: string | undefined, stage: string, region: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { ok: false, reason: '内容不是 JSON' };
  }
  const record = destinationRecordSchema.safeParse(json);
  if (!record.success) return { ok: false, reason: '不是 Lambda 的失败记录' };
  const { timestamp, requestContext, requestPayload } = record.data;
  const match = functionArnPattern.exec(requestContext.functionArn);
  const jobNames = redrivableJobs.map((job) => `ankang-${stage}-${job}`);
  if (!match?.[1] || !match[3] || match[2] !== region || !jobNames.includes(match[3])) {
    return {
      ok: false,
      reason: `函数 ${requestContext.functionArn} 不是本环境（${stage}，${region}）的任务函数`,
    };
  }
  return {
    ok: true,
    functionArn: match[1],
    functionName: match[3],
    payload: requestPayload,
    what: `${match[3]}（${timestamp} 失败的运行，请求 ${requestContext.requestId}）`,
  };
}

export interface RedriveOptions {
  stage: string;
  region: string;
  /** Messages to receive at most (1 to REDRIVE_MAX_LIMIT). */
  max: number;
  /** Lists what would be sent; invokes nothing and deletes nothing. */
  dryRun: boolean;
}

export interface RedriveReport {
  /** Runs sent again (in a dry run: that would be sent) and their messages deleted. */
  sent: number;
  /** Messages left in the queue: not a failed run of this stage's jobs, or not one at all. */
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
 * Sends the failed runs in the stage's failed-jobs queue again: each message's `requestPayload`,
 * as it was, to the job function named in it, invoked asynchronously as the schedule or
 * createDeliveryExport invoked it. A message is deleted only once Lambda has accepted the new run,
 * so a refused or failed invoke leaves the run in the queue; a message that is not a failed run of
 * this stage's jobs is left and listed for a person to look at.
 */
export async function redriveJobs(
  clients: { sqs: SQSClient; lambda: LambdaClient },
  options: RedriveOptions,
  output: RedriveOutput = consoleOutput,
): Promise<RedriveReport> {
  const { sqs, lambda } = clients;
  const queueName = failedJobsQueueName(options.stage);
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`找不到队列 ${queueName}`);
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
    const record = parseRecord(message.Body, options.stage, options.region);
    if (!record.ok) {
      kept.push(message);
      output.problem(`留在队列：消息 ${message.MessageId}：${record.reason}`);
      return 'left';
    }
    if (options.dryRun) {
      kept.push(message);
      output.info(`将重发：${record.what}`);
      return 'sent';
    }
    try {
      const invoked = await lambda.send(
        new InvokeCommand({
          FunctionName: record.functionArn,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(record.payload)),
        }),
      );
      // 202 is Lambda's "queued" for an asynchronous invoke; anything else is not an accepted run.
      if (invoked.StatusCode !== 202) throw new Error(`Lambda 答复状态 ${invoked.StatusCode}`);
    } catch (error) {
      kept.push(message);
      output.problem(`重发失败（留在队列）：${record.what}：${messageOf(error)}`);
      return 'failed';
    }
    try {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    } catch (error) {
      // Not released: it comes back after VISIBILITY_SECONDS, and sending it once more does no harm.
      output.problem(`已重发，但删除消息失败（消息稍后会重新出现）：${record.what}：${messageOf(error)}`);
      return 'failed';
    }
    output.info(`已重发：${record.what}`);
    return 'sent';
  }
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
