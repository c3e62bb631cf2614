import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Where a seed is about to write: the stage it runs for and the table endpoint's host. */
export interface SeedTarget {
  /** `STAGE` of the process; unset is the local stage, as serverless.yml's default stage is. */
  stage: string | undefined;
  /** The DynamoDB client's endpoint host; undefined when it talks to AWS itself. */
  endpointHost: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Why demo data must not be written to this target, or null when it may. Demo households carry
 * fictitious ID numbers and demo accounts; on a deployed stage they would sit beside real ones.
 */
export function seedRefusal(target: SeedTarget): string | null {
  const stage = target.stage ?? 'local';
  if (stage !== 'local') {
    return `演示数据只能写入本地环境（STAGE=local），当前 STAGE=${stage}，已拒绝写入`;
  }
  if (target.endpointHost === undefined || !LOOPBACK.has(target.endpointHost)) {
    return `演示数据只能写入本机的 DynamoDB Local，当前数据库地址为 ${target.endpointHost ?? 'AWS'}，已拒绝写入`;
  }
  return null;
}

/** The target a seed would write to with `client`, under this process's STAGE. */
export async function seedTargetOf(client: DynamoDBClient): Promise<SeedTarget> {
  const endpoint = client.config.endpoint ? await client.config.endpoint() : undefined;
  return { stage: process.env.STAGE, endpointHost: endpoint?.hostname };
}

/** Throws unless the seed writes to DynamoDB Local on the local stage. */
export async function assertLocalSeedTarget(client: DynamoDBClient): Promise<void> {
  const refusal = seedRefusal(await seedTargetOf(client));
  if (refusal) throw new Error(refusal);
}
