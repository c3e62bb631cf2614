import { startDynamoLocal } from '../../functions/local/dynamoLocal';
import { startOffline } from '../../functions/local/offline';
import { seedDemoData } from '../../functions/local/seed';
import { ensureTable } from '../../functions/local/table';

export const testTableName = 'ankang-local';

export interface LocalStack {
  apiBase: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

/**
 * The API as tests meet it: DynamoDB Local in memory on a free port, the deployed table
 * definition, demo data, and serverless-offline (local stage, development login on) on a free port.
 */
export async function startLocalStack(options: { wechatApiBase?: string } = {}): Promise<LocalStack> {
  const dynamo = await startDynamoLocal();
  try {
    await ensureTable(dynamo.client, testTableName);
    await seedDemoData(dynamo.client, testTableName);
    const api = await startOffline({ dynamoEndpoint: dynamo.endpoint, wechatApiBase: options.wechatApiBase });
    return {
      apiBase: api.apiBase,
      dynamoEndpoint: dynamo.endpoint,
      stop: async () => {
        await api.stop();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
