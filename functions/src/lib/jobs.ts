import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { env } from './env';
import { traced } from './tracer';

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The one Lambda client, created once per container. Locally it talks to serverless-offline's
 * invoke API (LAMBDA_ENDPOINT, local stage only), which runs `Event` invocations without waiting.
 */
const lambda = traced(
  new LambdaClient({
    region: env.AWS_REGION,
    ...(env.LAMBDA_ENDPOINT ? { endpoint: env.LAMBDA_ENDPOINT, credentials: localCredentials } : {}),
  }),
);

/**
 * Starts a function asynchronously (`InvocationType: 'Event'`): Lambda queues the event and answers
 * at once, so a request can hand work longer than its own timeout to a job. Throws when the
 * invocation was not accepted.
 */
export async function startJob(functionName: string, payload: unknown): Promise<void> {
  const { StatusCode } = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  if (StatusCode !== 202) throw new Error(`job ${functionName} not accepted (status ${StatusCode})`);
}
