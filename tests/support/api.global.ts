import type { TestProject } from 'vitest/node';
import { startFakeWechat } from './fakeWechat';
import { startLocalStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    apiDynamoEndpoint: string;
    /** The fake WeChat the stack calls: tests ask it what messages were sent. */
    apiWechatBase: string;
    /** The stack's s3rver (bucket ankang-local-photos): tests look at what was stored. */
    apiS3Endpoint: string;
  }
}

/** serverless-offline on a free port, against DynamoDB Local and a fake WeChat, for the API tier. */
export default async function setup(project: TestProject) {
  const wechat = await startFakeWechat();
  // Report exports above 5 rows run as the asynchronous job (tests/api/exports.test.ts).
  const stack = await startLocalStack({ wechatApiBase: wechat.url, exportInlineMaxRows: 5 });
  project.provide('apiBase', stack.apiBase);
  project.provide('apiDynamoEndpoint', stack.dynamoEndpoint);
  project.provide('apiWechatBase', wechat.url);
  project.provide('apiS3Endpoint', stack.s3Endpoint);
  return async () => {
    await stack.stop();
    await wechat.close();
  };
}
