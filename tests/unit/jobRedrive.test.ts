import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type RedriveOptions, redriveJobs } from '../../functions/local/jobRedrive';

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'cn-north-1' });
const urlOf = (name: string) => `https://sqs.cn-north-1.amazonaws.com.cn/123456789012/${name}`;
const failedQueue = urlOf('ankang-prod-failed-jobs');

const exportJob = (n: number) => ({ job: 'export', exportId: `ex_${String(n).padStart(24, '0')}` });
const reminders = { job: 'reminders', scheduledAt: '2026-07-01T10:00:00Z' };
const sweep = { job: 'sweep' };

/** A failed job's message, as its queue moved it to the failed-jobs queue: the body as first sent. */
const failed = (id: string, body: unknown): Message => ({
  MessageId: id,
  ReceiptHandle: `receipt-${id}`,
  Body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** What the command did to the queues, in order. */
let calls: string[];
let lines: { info: string[]; problem: string[] };

function queueOf(...batches: Message[][]) {
  let receive = sqsMock.on(ReceiveMessageCommand);
  for (const batch of batches) receive = receive.resolvesOnce({ Messages: batch });
  receive.resolves({});
}

const run = (options: Partial<RedriveOptions> = {}) =>
  redriveJobs(
    sqs,
    { stage: 'prod', max: 100, dryRun: false, ...options },
    { info: (line) => lines.info.push(line), problem: (line) => lines.problem.push(line) },
  );

/** Each message sent: its queue and its body, read back. */
const sent = () =>
  sqsMock
    .commandCalls(SendMessageCommand)
    .map(({ args: [command] }) => [command.input.QueueUrl, JSON.parse(command.input.MessageBody ?? '')]);
const released = () =>
  sqsMock
    .commandCalls(ChangeMessageVisibilityBatchCommand)
    .flatMap(({ args: [command] }) => command.input.Entries ?? [])
    .map((entry) => [entry.ReceiptHandle, entry.VisibilityTimeout]);

beforeEach(() => {
  sqsMock.reset();
  calls = [];
  lines = { info: [], problem: [] };
  sqsMock.on(GetQueueUrlCommand).callsFake((input) => ({ QueueUrl: urlOf(input.QueueName) }));
  sqsMock.on(DeleteMessageCommand).callsFake((input) => {
    calls.push(`delete ${input.ReceiptHandle}`);
    return {};
  });
  sqsMock.on(SendMessageCommand).callsFake((input) => {
    calls.push(`send ${input.QueueUrl.split('/').pop()}`);
    return { MessageId: 'new' };
  });
  sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
});

describe('jobs:redrive', () => {
  it('sends each failed message back to its own job’s queue, exactly as it was, then deletes it', async () => {
    queueOf([failed('a', reminders), failed('b', exportJob(1))], [failed('c', sweep)]);

    expect(await run()).toStrictEqual({ sent: 3, left: 0, failed: 0 });
    expect(sent()).toStrictEqual([
      [urlOf('ankang-prod-reminders-jobs'), reminders],
      [urlOf('ankang-prod-export-jobs'), exportJob(1)],
      [urlOf('ankang-prod-sweep-jobs'), sweep],
    ]);
    // Each message deleted only after its job's queue took it.
    expect(calls).toStrictEqual([
      'send ankang-prod-reminders-jobs',
      'delete receipt-a',
      'send ankang-prod-export-jobs',
      'delete receipt-b',
      'send ankang-prod-sweep-jobs',
      'delete receipt-c',
    ]);
    // Received from the stage's failed-jobs queue, whose url it asked for by name.
    expect(
      sqsMock.commandCalls(ReceiveMessageCommand).map(({ args: [c] }) => c.input.QueueUrl),
    ).toStrictEqual([failedQueue, failedQueue, failedQueue]);
    expect(released()).toStrictEqual([]);
    expect(lines.problem).toStrictEqual([]);
    expect(lines.info).toStrictEqual([
      '已重发：任务提醒（计划于 2026-07-01T10:00:00Z），消息 a',
      `已重发：报表导出（导出 ${exportJob(1).exportId}），消息 b`,
      '已重发：防返困巡检，消息 c',
      '已重发 3 条，留在队列 0 条，失败 0 条。',
    ]);
  });

  it('keeps the message whose job’s queue refused it, and says the run failed', async () => {
    queueOf([failed('a', exportJob(1)), failed('b', exportJob(2))]);
    sqsMock.on(SendMessageCommand).rejectsOnce(new Error('Rate exceeded')).resolves({ MessageId: 'new' });

    expect(await run()).toStrictEqual({ sent: 1, left: 0, failed: 1 });
    expect(
      sqsMock.commandCalls(DeleteMessageCommand).map(({ args: [c] }) => c.input.ReceiptHandle),
    ).toStrictEqual(['receipt-b']);
    expect(released()).toStrictEqual([['receipt-a', 0]]);
    expect(lines.problem).toStrictEqual([
      `重发失败（留在队列）：报表导出（导出 ${exportJob(1).exportId}），消息 a：Rate exceeded`,
    ]);
  });

  it('counts a run whose message could not be deleted as failed, and does not put that message back', async () => {
    queueOf([failed('a', sweep)]);
    sqsMock.on(DeleteMessageCommand).rejects(new Error('Access Denied'));

    expect(await run()).toStrictEqual({ sent: 0, left: 0, failed: 1 });
    expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(1);
    // Shown again only after its visibility timeout: sending that run once more does no harm.
    expect(released()).toStrictEqual([]);
    expect(lines.problem).toStrictEqual([
      '已重发，但删除消息失败（消息稍后会重新出现）：防返困巡检，消息 a：Access Denied',
    ]);
  });

  it('leaves and lists a message that is not a job’s', async () => {
    queueOf([
      failed('text', 'not json'),
      failed('unknown', { job: 'backup' }),
      failed('bad', { job: 'export', exportId: '../etc' }),
      failed('lambda', { requestContext: { functionArn: 'arn:aws-cn:lambda:…' }, requestPayload: {} }),
      failed('ok', sweep),
    ]);

    expect(await run()).toStrictEqual({ sent: 1, left: 4, failed: 0 });
    expect(calls).toStrictEqual(['send ankang-prod-sweep-jobs', 'delete receipt-ok']);
    expect(released().map(([handle]) => handle)).toStrictEqual([
      'receipt-text',
      'receipt-unknown',
      'receipt-bad',
      'receipt-lambda',
    ]);
    expect(lines.problem).toStrictEqual([
      '留在队列：消息 text：内容不是 JSON',
      '留在队列：消息 unknown：不是本系统任务的消息',
      '留在队列：消息 bad：不是本系统任务的消息',
      '留在队列：消息 lambda：不是本系统任务的消息',
      '留在队列的消息请人工查看（SQS 控制台 → ankang-prod-failed-jobs → 发送和接收消息）。',
    ]);
  });

  it('lists in a dry run what it would send, sends and deletes nothing, and puts every message back', async () => {
    queueOf([failed('a', reminders), failed('b', 'not json')]);

    expect(await run({ dryRun: true })).toStrictEqual({ sent: 1, left: 1, failed: 0 });
    expect(calls).toStrictEqual([]);
    expect(released()).toStrictEqual([
      ['receipt-a', 0],
      ['receipt-b', 0],
    ]);
    expect(lines.info).toStrictEqual([
      '将重发：任务提醒（计划于 2026-07-01T10:00:00Z），消息 a',
      '试运行（未做任何更改）：将重发 1 条，留在队列 1 条。',
    ]);
  });

  it('receives no more than --max messages, in batches of at most ten', async () => {
    // A queue that never runs dry.
    let next = 0;
    sqsMock.on(ReceiveMessageCommand).callsFake((input) => {
      const messages = Array.from({ length: input.MaxNumberOfMessages ?? 1 }, (_, i) =>
        failed(`m${next + i}`, exportJob(next + i)),
      );
      next += messages.length;
      return { Messages: messages };
    });

    expect(await run({ max: 23 })).toStrictEqual({ sent: 23, left: 0, failed: 0 });
    expect(
      sqsMock.commandCalls(ReceiveMessageCommand).map(({ args: [c] }) => c.input.MaxNumberOfMessages),
    ).toStrictEqual([10, 10, 3]);
    expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(23);
    // The export queue's url asked for once, not once per message.
    expect(sqsMock.commandCalls(GetQueueUrlCommand).map(({ args: [c] }) => c.input.QueueName)).toStrictEqual([
      'ankang-prod-failed-jobs',
      'ankang-prod-export-jobs',
    ]);
    expect(lines.info).toContain('已处理 --max 23 条，队列中可能还有消息：再运行一次继续。');
  });

  it('says the queue is empty, and fails when the queue is not there', async () => {
    queueOf();
    expect(await run()).toStrictEqual({ sent: 0, left: 0, failed: 0 });
    expect(lines.info).toStrictEqual([
      '队列 ankang-prod-failed-jobs 中没有失败的任务。',
      '已重发 0 条，留在队列 0 条，失败 0 条。',
    ]);

    sqsMock.on(GetQueueUrlCommand).rejects(new Error('The specified queue does not exist.'));
    await expect(run({ stage: 'dev' })).rejects.toThrow('The specified queue does not exist.');
  });
});
