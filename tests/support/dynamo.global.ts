import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../functions/local/dynamoLocal';
import { startFakeWechat } from '../../functions/local/fakeWechat';
import { startS3Local } from '../../functions/local/s3Local';
import { seedDemoData } from '../../functions/local/seed';
import { ensureTable } from '../../functions/local/table';
import { handlerEnv } from './testEnv';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableName: string;
    wechatApiBase: string;
    s3Endpoint: string;
    photoBucket: string;
  }
}

/** One DynamoDB Local (in memory), one fake WeChat and one s3rver for the whole integration run. */
export default async function setup(project: TestProject) {
  const tableName = 'ankang-integration';
  // The whole tier's data is kept in memory: room for it, beyond the default 512 MB.
  const [dynamo, wechat, s3] = await Promise.all([
    startDynamoLocal({ heapMb: 1536 }),
    startFakeWechat(),
    startS3Local(),
  ]);
  await ensureTable(dynamo.client, tableName);
  // Demo households are sealed and hashed, and demo reports listed under their reporters'
  // pseudonyms, with the keys the handlers under test use.
  const { FIELD_MASTER_KEY, LOOKUP_KEY, PSEUDONYM_KEY } = handlerEnv(dynamo.endpoint, tableName, wechat.url);
  Object.assign(process.env, { FIELD_MASTER_KEY, LOOKUP_KEY, PSEUDONYM_KEY });
  await seedDemoData(dynamo.client, tableName);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tableName', tableName);
  project.provide('wechatApiBase', wechat.url);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('photoBucket', s3.bucket);
  return async () => {
    await s3.stop();
    await wechat.close();
    await dynamo.stop();
  };
}
