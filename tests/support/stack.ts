import { startDynamoLocal } from '../../functions/local/dynamoLocal';
import { startLocalJobQueues } from '../../functions/local/localJobQueues';
import { startOffline } from '../../functions/local/offline';
import { startS3Local } from '../../functions/local/s3Local';
import { seedDemoData } from '../../functions/local/seed';
import { ensureTable } from '../../functions/local/table';

export const testTableName = 'ankang-local';

export interface LocalStack {
  apiBase: string;
  dynamoEndpoint: string;
  /** DynamoDB Local's process group (see DynamoLocal.pid). */
  dynamoPid: number;
  /** s3rver (photos), in a temporary folder removed on stop. */
  s3Endpoint: string;
  stop(): Promise<void>;
}

/**
 * The API as tests meet it: DynamoDB Local in memory on a free port, the deployed table
 * definition, demo data, and serverless-offline (local stage, development login on) on a free port.
 */
export async function startLocalStack(options: {
  wechatApiBase?: string;
  exportInlineMaxRows?: number;
  /**
   * Public searches a minute per user and per source IP. Every anonymous search of a tier comes
   * from 127.0.0.1, so each tier sets its own (one shared budget of 240 would fill as tiers grow).
   */
  searchLimits: { perUser: number; perIp: number };
  /** The secret the API signs tokens with (tests forge tokens with it). */
  jwtSecret?: string;
  /** The one origin the API's CORS admits (any, unless given). */
  corsOrigin?: string;
  /**
   * DynamoDB Local's port and data folder (a free port, in memory, unless given): a tier whose
   * tests stop and restart the database on the same port with the same data sets both.
   */
  dynamo?: { port?: number; dataDir?: string };
}): Promise<LocalStack> {
  const [dynamo, s3, jobQueues] = await Promise.all([
    startDynamoLocal(options.dynamo),
    startS3Local(),
    startLocalJobQueues(),
  ]);
  try {
    await ensureTable(dynamo.client, testTableName);
    await seedDemoData(dynamo.client, testTableName, new Date(), s3);
    const api = await startOffline({
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      sqsEndpoint: jobQueues.url,
      wechatApiBase: options.wechatApiBase,
      exportInlineMaxRows: options.exportInlineMaxRows,
      searchLimits: options.searchLimits,
      jwtSecret: options.jwtSecret,
      corsOrigin: options.corsOrigin,
    });
    jobQueues.consumeWith(api.lambdaEndpoint);
    return {
      apiBase: api.apiBase,
      dynamoEndpoint: dynamo.endpoint,
      dynamoPid: dynamo.pid,
      s3Endpoint: s3.endpoint,
      stop: async () => {
        await api.stop();
        await jobQueues.close();
        await s3.stop();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await jobQueues.close();
    await s3.stop();
    await dynamo.stop();
    throw error;
  }
}
