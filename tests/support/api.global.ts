import type { TestProject } from 'vitest/node';
import { startFakeWechat } from './fakeWechat';
import { startLocalStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    apiDynamoEndpoint: string;
    /** The fake WeChat the stack calls: tests ask it what messages were sent. */
    apiWechatBase: string;
  }
}

/** serverless-offline on a free port, against DynamoDB Local and a fake WeChat, for the API tier. */
export default async function setup(project: TestProject) {
  const wechat = await startFakeWechat();
  const stack = await startLocalStack({ wechatApiBase: wechat.url });
  project.provide('apiBase', stack.apiBase);
  project.provide('apiDynamoEndpoint', stack.dynamoEndpoint);
  project.provide('apiWechatBase', wechat.url);
  return async () => {
    await stack.stop();
    await wechat.close();
  };
}
