import type { TestProject } from 'vitest/node';
import { startFakeWechat } from '../../functions/local/fakeWechat';
import { startLocalStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    apiDynamoEndpoint: string;
    /** The fake WeChat the stack calls: tests ask it what messages were sent. */
    apiWechatBase: string;
    /** The stack's s3rver (bucket ankang-local-photos): tests look at what was stored. */
    apiS3Endpoint: string;
    /** The tier's public search limits (a minute): tests/api/stationSearchAttack.test.ts reaches one. */
    apiSearchLimits: { perUser: number; perIp: number };
  }
}

/**
 * The API tier's search limits: a user's small enough to reach in one test; the address's out of
 * reach, since every anonymous search of the tier comes from 127.0.0.1.
 */
const searchLimits = { perUser: 30, perIp: 100_000 };

/** serverless-offline on a free port, against DynamoDB Local and a fake WeChat, for the API tier. */
export default async function setup(project: TestProject) {
  const wechat = await startFakeWechat();
  // Report exports above 5 rows run as the asynchronous job (tests/api/exports.test.ts).
  const stack = await startLocalStack({ wechatApiBase: wechat.url, exportInlineMaxRows: 5, searchLimits });
  project.provide('apiBase', stack.apiBase);
  project.provide('apiDynamoEndpoint', stack.dynamoEndpoint);
  project.provide('apiWechatBase', wechat.url);
  project.provide('apiS3Endpoint', stack.s3Endpoint);
  project.provide('apiSearchLimits', searchLimits);
  return async () => {
    await stack.stop();
    await wechat.close();
  };
}
