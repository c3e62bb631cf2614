import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Invoke call as Lambda's API received it. */
export interface Invocation {
  functionName: string;
  invocationType: string | undefined;
  payload: unknown;
}

/**
 * Lambda's Invoke API on 127.0.0.1, for services that start jobs through the real SDK client. It
 * answers an `Event` invocation with 202 at once, as Lambda does, records it, then hands it to
 * `onEvent` (the test runs the job's handler in-process there).
 */
export async function startFakeLambda() {
  const invocations: Invocation[] = [];
  let onEvent: (invocation: Invocation) => void = () => {};
  const server = createServer((request, response) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      const invocation: Invocation = {
        functionName: decodeURIComponent(match[1]!),
        invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
        payload: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
      };
      invocations.push(invocation);
      response.writeHead(202, { 'content-type': 'application/json' }).end();
      if (invocation.invocationType === 'Event') onEvent(invocation);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invocations,
    /** What to do with each `Event` invocation after answering it. */
    onEvent(handler: (invocation: Invocation) => void) {
      onEvent = handler;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
