import type { TestProject } from 'vitest/node';
import { startFakeWechat } from '../../functions/local/fakeWechat';
import { freshJwtSecret, provideApiContext, tierCorsOrigin } from './apiTierContext';
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
    /** The secret the tier's API signs tokens with: tests/api/tokens.test.ts forges tokens with it. */
    apiJwtSecret: string;
    /** The one origin the tier's API admits by CORS (tests/api/auth.test.ts tries others). */
    apiCorsOrigin: string;
  }
}

/**
 * The API tier's search limits: a user's small enough to reach in one test; the address's out of
 * reach, since every anonymous search of the tier comes from 127.0.0.1.
 */
const searchLimits = { perUser: 30, perIp: 100_000 };

const jwtSecret = freshJwtSecret('api');
const corsOrigin = tierCorsOrigin;

/** serverless-offline on a free port, against DynamoDB Local and a fake WeChat, for the API tier. */
export default async function setup(project: TestProject) {
  const wechat = await startFakeWechat();
  // Report exports above 5 rows run as the asynchronous job (tests/api/exports.test.ts).
  const stack = await startLocalStack({
    wechatApiBase: wechat.url,
    exportInlineMaxRows: 5,
    searchLimits,
    jwtSecret,
    corsOrigin,
  });
  provideApiContext(project, stack, { wechatBase: wechat.url, searchLimits, jwtSecret, corsOrigin });
  return async () => {
    await stack.stop();
    await wechat.close();
  };
}
