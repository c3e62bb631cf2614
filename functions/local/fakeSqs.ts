import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { SQSEvent } from 'aws-lambda';

/** One message as the fake took it: the queue's name and the body as sent. */
export interface QueuedMessage {
  queueName: string;
  messageId: string;
  body: string;
  /** This delivery's count, 1 for the first (SQS's ApproximateReceiveCount). */
  receiveCount: number;
}

/**
 * What consumes a queue's messages: resolves when the run took the message, rejects when it failed
 * (the fake then shows it again, as SQS does after the visibility timeout).
 */
export type Consumer = (message: QueuedMessage) => Promise<void>;

/** Deliveries of one message at most, as the stack's queues redrive after the third (serverless.yml). */
export const MAX_RECEIVES = 3;
/** Pause before a failed message is shown again: SQS waits the visibility timeout, the fake 1 s. */
const REDELIVERY_DELAY_MS = 1000;

/** What a SendMessage names, or the SQS error that refuses it (the fake never throws on a request). */
function sendMessageInput(
  raw: string,
): { queueName: string; body: string } | { status: number; type: string; message: string } {
  let input: { QueueUrl?: unknown; MessageBody?: unknown };
  try {
    input = JSON.parse(raw);
  } catch {
    return { status: 400, type: 'com.amazon.coral.service#SerializationException', message: 'not JSON' };
  }
  if (typeof input?.QueueUrl !== 'string' || typeof input.MessageBody !== 'string') {
    return { status: 400, type: 'com.amazonaws.sqs#MissingParameter', message: 'QueueUrl and MessageBody' };
  }
  // SQS takes the queue's name from the url's last segment.
  const queueName = URL.canParse(input.QueueUrl) ? new URL(input.QueueUrl).pathname.split('/').pop() : '';
  if (!queueName) {
    return {
      status: 400,
      type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: `no queue ${input.QueueUrl}`,
    };
  }
  return { queueName, body: input.MessageBody };
}

/**
 * A stand-in for SQS on 127.0.0.1 for the local stage, as fakeWechat is for WeChat: it takes
 * SendMessage (the one call the API makes, in SQS's JSON protocol, so the app's real SDK client
 * talks to it) and hands each message to the queue's consumer at once, as Lambda's event source
 * mapping would. A run that fails is delivered again, up to MAX_RECEIVES times; then it is kept in
 * `failed` (the deployed stack's failed-jobs queue). Nothing survives a restart.
 */
export async function startFakeSqs(
  consumers: (queueName: string) => Consumer | undefined,
  { redeliveryDelayMs = REDELIVERY_DELAY_MS } = {},
) {
  const sent: QueuedMessage[] = [];
  const failed: QueuedMessage[] = [];
  const inFlight = new Set<Promise<void>>();

  const deliver = async (message: QueuedMessage, consumer: Consumer): Promise<void> => {
    try {
      await consumer(message);
    } catch (error) {
      if (message.receiveCount >= MAX_RECEIVES) {
        failed.push(message);
        console.error(
          `[fake SQS] ${message.queueName}: message ${message.messageId} failed ${MAX_RECEIVES} times:`,
          error,
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, redeliveryDelayMs));
      await deliver({ ...message, receiveCount: message.receiveCount + 1 }, consumer);
    }
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(body));
      };
      const target = request.headers['x-amz-target'];
      if (request.method !== 'POST' || target !== 'AmazonSQS.SendMessage') {
        return reply(400, {
          __type: 'com.amazonaws.sqs#UnsupportedOperation',
          message: `${target} is not faked`,
        });
      }
      const input = sendMessageInput(Buffer.concat(chunks).toString('utf8'));
      if ('status' in input) return reply(input.status, { __type: input.type, message: input.message });
      const { queueName, body } = input;
      const consumer = consumers(queueName);
      if (!consumer) {
        return reply(400, {
          __type: 'com.amazonaws.sqs#QueueDoesNotExist',
          message: `no queue ${queueName}`,
        });
      }
      const message: QueuedMessage = { queueName, messageId: randomUUID(), body, receiveCount: 1 };
      sent.push(message);
      // The SDK checks the digest of what it sent against the one SQS answers.
      reply(200, {
        MessageId: message.messageId,
        MD5OfMessageBody: createHash('md5').update(message.body).digest('hex'),
      });
      const delivery = deliver(message, consumer).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake SQS has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Every message taken, in order. */
    sent,
    /** Messages whose every delivery failed. */
    failed,
    /** Resolves when every delivery under way has ended. */
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The one-record event Lambda's SQS event source hands a consumer for this message. */
export function sqsEventOf(message: QueuedMessage, region = 'cn-north-1'): SQSEvent {
  return {
    Records: [
      {
        messageId: message.messageId,
        receiptHandle: `fake-${message.messageId}-${message.receiveCount}`,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(Date.now()),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(message.body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws-cn:sqs:${region}:000000000000:${message.queueName}`,
        awsRegion: region,
      },
    ],
  };
}

/**
 * A consumer that runs the queue's function in serverless-offline (its Lambda invoke API) with the
 * message's SQS event, and fails when the function failed or reported the message failed.
 */
export function offlineConsumer(lambdaEndpoint: string, functionName: string): Consumer {
  return async (message) => {
    const response = await fetch(`${lambdaEndpoint}/2015-03-31/functions/${functionName}/invocations`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'RequestResponse' },
      body: JSON.stringify(sqsEventOf(message)),
    });
    const text = await response.text();
    if (!response.ok || response.headers.get('x-amz-function-error')) {
      throw new Error(`${functionName}: ${response.status} ${text.slice(0, 300)}`);
    }
    const result = JSON.parse(text || '{}') as { batchItemFailures?: unknown[] };
    if (result.batchItemFailures?.length) throw new Error(`${functionName} reported the message failed`);
  };
}
