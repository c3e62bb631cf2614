import { QueueDoesNotExist, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { type QueuedMessage, startFakeSqs } from '../../functions/local/fakeSqs';

type Fake = Awaited<ReturnType<typeof startFakeSqs>>;
let fake: Fake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The app's own SDK client, pointed at the fake as the local stage points it (lib/jobs.ts). */
const clientOf = (url: string) =>
  new SQSClient({
    region: 'cn-north-1',
    endpoint: url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
const queueUrl = (fakeUrl: string, name: string) => `${fakeUrl}/000000000000/${name}`;

describe('Local: the stand-in for SQS', () => {
  it('takes the SDK’s SendMessage and hands the body to the queue’s consumer once', async () => {
    const seen: QueuedMessage[] = [];
    fake = await startFakeSqs((name) =>
      name === 'ankang-local-export-jobs' ? async (message) => void seen.push(message) : undefined,
    );
    const body = JSON.stringify({ job: 'export', exportId: '导出' });

    // The SDK checks the fake's MD5 of the body against its own (a mismatch throws).
    const sent = await clientOf(fake.url).send(
      new SendMessageCommand({ QueueUrl: queueUrl(fake.url, 'ankang-local-export-jobs'), MessageBody: body }),
    );
    await fake.settled();

    expect(seen).toStrictEqual([
      { queueName: 'ankang-local-export-jobs', messageId: sent.MessageId, body, receiveCount: 1 },
    ]);
    expect(fake.failed).toStrictEqual([]);
  });

  it('delivers a failed message again, up to three receives, then keeps it as failed', async () => {
    const receives: number[] = [];
    fake = await startFakeSqs(
      () => async (message) => {
        receives.push(message.receiveCount);
        throw new Error('the job failed');
      },
      { redeliveryDelayMs: 1 },
    );

    await clientOf(fake.url).send(
      new SendMessageCommand({ QueueUrl: queueUrl(fake.url, 'q'), MessageBody: '{"job":"sweep"}' }),
    );
    await fake.settled();

    expect(receives).toStrictEqual([1, 2, 3]);
    expect(fake.failed.map((m) => [m.body, m.receiveCount])).toStrictEqual([['{"job":"sweep"}', 3]]);
  });

  it('refuses a queue it has no consumer for, as SQS refuses one that does not exist', async () => {
    fake = await startFakeSqs(() => undefined);
    await expect(
      clientOf(fake.url).send(
        new SendMessageCommand({ QueueUrl: queueUrl(fake.url, 'ankang-local-gone'), MessageBody: '{}' }),
      ),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
    expect(fake.sent).toStrictEqual([]);
  });

  it('answers a malformed request with a 400 and keeps serving', async () => {
    fake = await startFakeSqs(() => async () => {});
    const post = (body: string) =>
      fetch(fake!.url, {
        method: 'POST',
        headers: { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' },
        body,
      }).then(async (response) => [response.status, ((await response.json()) as { __type: string }).__type]);

    expect(
      await Promise.all([
        post('{not json'),
        post('null'),
        post(JSON.stringify({ QueueUrl: 'not a url', MessageBody: '{}' })),
        post(JSON.stringify({ QueueUrl: queueUrl(fake.url, 'q') })),
      ]),
    ).toStrictEqual([
      [400, 'com.amazon.coral.service#SerializationException'],
      [400, 'com.amazonaws.sqs#MissingParameter'],
      [400, 'com.amazonaws.sqs#QueueDoesNotExist'],
      [400, 'com.amazonaws.sqs#MissingParameter'],
    ]);
    expect(
      await post(JSON.stringify({ QueueUrl: queueUrl(fake.url, 'q'), MessageBody: '{}' })),
    ).toStrictEqual([200, undefined]);
  });
});
