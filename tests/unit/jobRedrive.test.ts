import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type RedriveOptions, redriveJobs } from '../../functions/local/jobRedrive';

const sqsMock = mockClient(SQSClient);
const lambdaMock = mockClient(LambdaClient);
const clients = {
  sqs: new SQSClient({ region: 'cn-north-1' }),
  lambda: new LambdaClient({ region: 'cn-north-1' }),
};
const queueUrl = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/ankang-prod-failed-jobs';
const arn = (name: string, region = 'cn-north-1') =>
  `arn:aws-cn:lambda:${region}:123456789012:function:${name}`;

/** A message as Lambda's on-failure destination writes it (the record's fields as AWS documents them). */
function failed(id: string, functionArn: string, requestPayload: unknown): Message {
  const record = {
    version: '1.0',
    timestamp: '2026-07-01T10:00:05.123Z',
    requestContext: {
      requestId: `request-${id}`,
      functionArn,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: 'boom' },
  };
  return { MessageId: id, ReceiptHandle: `receipt-${id}`, Body: JSON.stringify(record) };
}

const scheduled = {
  version: '0',
  id: 'ev-1',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  time: '2026-07-01T10:00:00Z',
  detail: {},
};

/** What the command did to the queue and to Lambda, in order. */
let calls: string[];
let lines: { info: string[]; problem: string[] };

function queueOf(...batches: Message[][]) {
  sqsMock.on(GetQueueUrlCommand, { QueueName: 'ankang-prod-failed-jobs' }).resolves({ QueueUrl: queueUrl });
  let receive = sqsMock.on(ReceiveMessageCommand);
  for (const batch of batches) receive = receive.resolvesOnce({ Messages: batch });
  receive.resolves({});
}

const run = (options: Partial<RedriveOptions> = {}) =>
  redriveJobs(
    clients,
    { stage: 'prod', region: 'cn-north-1', max: 100, dryRun: false, ...options },
    { info: (line) => lines.info.push(line), problem: (line) => lines.problem.push(line) },
  );

/** The payloads Lambda was asked to run, by function, as JSON read back from the bytes sent. */
const invoked = () =>
  lambdaMock.commandCalls(InvokeCommand).map(({ args: [command] }) => ({
    FunctionName: command.input.FunctionName,
    InvocationType: command.input.InvocationType,
    payload: JSON.parse(new TextDecoder().decode(command.input.Payload as Uint8Array)),
  }));
const released = () =>
  sqsMock
    .commandCalls(ChangeMessageVisibilityBatchCommand)
    .flatMap(({ args: [command] }) => command.input.Entries ?? [])
    .map((entry) => [entry.ReceiptHandle, entry.VisibilityTimeout]);

beforeEach(() => {
  sqsMock.reset();
  lambdaMock.reset();
  calls = [];
  lines = { info: [], problem: [] };
  sqsMock.on(DeleteMessageCommand).callsFake((input) => {
    calls.push(`delete ${input.ReceiptHandle}`);
    return {};
  });
  sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
  lambdaMock.on(InvokeCommand).callsFake((input) => {
    calls.push(`invoke ${input.FunctionName}`);
    return { StatusCode: 202 };
  });
});

describe('jobs:redrive', () => {
  it('sends each failed run of the stage’s jobs again with its exact payload, then deletes its message', async () => {
    queueOf(
      [
        failed('a', `${arn('ankang-prod-sendAssignmentReminders')}:$LATEST`, scheduled),
        failed('b', arn('ankang-prod-runDeliveryExport'), { exportId: 'exp_1' }),
      ],
      [
        failed('c', arn('ankang-prod-runMonitoringSweep'), {
          ...scheduled,
          id: 'ev-2',
          time: '2026-07-01T17:30:00Z',
        }),
      ],
    );

    expect(await run()).toStrictEqual({ sent: 3, left: 0, failed: 0 });
    expect(invoked()).toStrictEqual([
      {
        FunctionName: arn('ankang-prod-sendAssignmentReminders'),
        InvocationType: 'Event',
        payload: scheduled,
      },
      {
        FunctionName: arn('ankang-prod-runDeliveryExport'),
        InvocationType: 'Event',
        payload: { exportId: 'exp_1' },
      },
      {
        FunctionName: arn('ankang-prod-runMonitoringSweep'),
        InvocationType: 'Event',
        payload: { ...scheduled, id: 'ev-2', time: '2026-07-01T17:30:00Z' },
      },
    ]);
    // Each message deleted only after Lambda accepted its run.
    expect(calls).toStrictEqual([
      `invoke ${arn('ankang-prod-sendAssignmentReminders')}`,
      'delete receipt-a',
      `invoke ${arn('ankang-prod-runDeliveryExport')}`,
      'delete receipt-b',
      `invoke ${arn('ankang-prod-runMonitoringSweep')}`,
      'delete receipt-c',
    ]);
    expect(released()).toStrictEqual([]);
    expect(lines.problem).toStrictEqual([]);
    expect(lines.info.at(-1)).toBe('已重发 3 条，留在队列 0 条，失败 0 条。');
  });

  it('keeps the message of a run Lambda refused or did not accept, and says the run failed', async () => {
    queueOf([
      failed('a', arn('ankang-prod-runDeliveryExport'), { exportId: 'exp_1' }),
      failed('b', arn('ankang-prod-runDeliveryExport'), { exportId: 'exp_2' }),
      failed('c', arn('ankang-prod-runDeliveryExport'), { exportId: 'exp_3' }),
    ]);
    lambdaMock
      .on(InvokeCommand)
      .rejectsOnce(new Error('Rate exceeded'))
      .resolvesOnce({ StatusCode: 500 })
      .resolves({ StatusCode: 202 });

    expect(await run()).toStrictEqual({ sent: 1, left: 0, failed: 2 });
    expect(
      sqsMock.commandCalls(DeleteMessageCommand).map(({ args: [c] }) => c.input.ReceiptHandle),
    ).toStrictEqual(['receipt-c']);
    expect(released()).toStrictEqual([
      ['receipt-a', 0],
      ['receipt-b', 0],
    ]);
    expect(lines.problem).toStrictEqual([
      '重发失败（留在队列）：ankang-prod-runDeliveryExport（2026-07-01T10:00:05.123Z 失败的运行，请求 request-a）：Rate exceeded',
      '重发失败（留在队列）：ankang-prod-runDeliveryExport（2026-07-01T10:00:05.123Z 失败的运行，请求 request-b）：Lambda 答复状态 500',
    ]);
    expect(lines.info.at(-1)).toBe('已重发 1 条，留在队列 0 条，失败 2 条。');
  });

  it('counts a run whose message could not be deleted as failed, and does not put that message back', async () => {
    queueOf([failed('a', arn('ankang-prod-runMonitoringSweep'), scheduled)]);
    sqsMock.on(DeleteMessageCommand).rejects(new Error('Access Denied'));

    expect(await run()).toStrictEqual({ sent: 0, left: 0, failed: 1 });
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
    // Shown again only after its visibility timeout: sending that run once more does no harm.
    expect(released()).toStrictEqual([]);
    expect(lines.problem).toStrictEqual([
      '已重发，但删除消息失败（消息稍后会重新出现）：ankang-prod-runMonitoringSweep（2026-07-01T10:00:05.123Z 失败的运行，请求 request-a）：Access Denied',
    ]);
  });

  it('leaves and lists a message of another function, stage, region or version, or no failure record at all', async () => {
    queueOf([
      failed('other', arn('ankang-prod-createStation'), {}),
      failed('stage', arn('ankang-dev-runMonitoringSweep'), scheduled),
      failed('region', arn('ankang-prod-runMonitoringSweep', 'cn-northwest-1'), scheduled),
      failed('version', `${arn('ankang-prod-runMonitoringSweep')}:3`, scheduled),
      { MessageId: 'text', ReceiptHandle: 'receipt-text', Body: 'not json' },
      { MessageId: 'shape', ReceiptHandle: 'receipt-shape', Body: JSON.stringify({ requestPayload: {} }) },
      failed('ok', arn('ankang-prod-runMonitoringSweep'), scheduled),
    ]);

    expect(await run()).toStrictEqual({ sent: 1, left: 6, failed: 0 });
    expect(calls).toStrictEqual([`invoke ${arn('ankang-prod-runMonitoringSweep')}`, 'delete receipt-ok']);
    expect(released().map(([handle]) => handle)).toStrictEqual([
      'receipt-other',
      'receipt-stage',
      'receipt-region',
      'receipt-version',
      'receipt-text',
      'receipt-shape',
    ]);
    const notJob = (id: string, functionArn: string) =>
      `留在队列：消息 ${id}：函数 ${functionArn} 不是本环境（prod，cn-north-1）的任务函数`;
    expect(lines.problem).toStrictEqual([
      notJob('other', arn('ankang-prod-createStation')),
      notJob('stage', arn('ankang-dev-runMonitoringSweep')),
      notJob('region', arn('ankang-prod-runMonitoringSweep', 'cn-northwest-1')),
      notJob('version', `${arn('ankang-prod-runMonitoringSweep')}:3`),
      '留在队列：消息 text：内容不是 JSON',
      '留在队列：消息 shape：不是 Lambda 的失败记录',
      '留在队列的消息请人工查看（SQS 控制台 → ankang-prod-failed-jobs → 发送和接收消息）。',
    ]);
  });

  it('lists in a dry run what it would send, invokes and deletes nothing, and puts every message back', async () => {
    queueOf([
      failed('a', arn('ankang-prod-sendAssignmentReminders'), scheduled),
      failed('b', arn('ankang-prod-createStation'), {}),
    ]);

    expect(await run({ dryRun: true })).toStrictEqual({ sent: 1, left: 1, failed: 0 });
    expect(calls).toStrictEqual([]);
    expect(lambdaMock.commandCalls(InvokeCommand)).toStrictEqual([]);
    expect(released()).toStrictEqual([
      ['receipt-a', 0],
      ['receipt-b', 0],
    ]);
    expect(lines.info).toStrictEqual([
      '将重发：ankang-prod-sendAssignmentReminders（2026-07-01T10:00:05.123Z 失败的运行，请求 request-a）',
      '试运行（未做任何更改）：将重发 1 条，留在队列 1 条。',
    ]);
  });

  it('receives no more than --max messages, in batches of at most ten', async () => {
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        failed(`m${from + i}`, arn('ankang-prod-runDeliveryExport'), { exportId: `exp_${from + i}` }),
      );
    // A queue that never runs dry.
    sqsMock.on(GetQueueUrlCommand).resolves({ QueueUrl: queueUrl });
    let next = 0;
    sqsMock.on(ReceiveMessageCommand).callsFake((input) => {
      const messages = batch(next, input.MaxNumberOfMessages ?? 1);
      next += messages.length;
      return { Messages: messages };
    });

    expect(await run({ max: 23 })).toStrictEqual({ sent: 23, left: 0, failed: 0 });
    expect(
      sqsMock.commandCalls(ReceiveMessageCommand).map(({ args: [c] }) => c.input.MaxNumberOfMessages),
    ).toStrictEqual([10, 10, 3]);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(23);
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
