import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../functions/local/dynamoLocal';
import { seedDemoData } from '../../functions/local/seed';
import { ensureTable } from '../../functions/local/table';
import { startFakeWechat } from './fakeWechat';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableName: string;
    wechatApiBase: string;
  }
}

/** One DynamoDB Local (in memory) and one fake WeChat for the whole integration run. */
export default async function setup(project: TestProject) {
  const tableName = 'ankang-integration';
  const [dynamo, wechat] = await Promise.all([startDynamoLocal(), startFakeWechat()]);
  await ensureTable(dynamo.client, tableName);
  await seedDemoData(dynamo.client, tableName);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tableName', tableName);
  project.provide('wechatApiBase', wechat.url);
  return async () => {
    await wechat.close();
    await dynamo.stop();
  };
}
