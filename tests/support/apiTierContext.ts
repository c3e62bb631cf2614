import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import type { LocalStack } from './stack';

/** As a deployed stage has it: one H5 origin, not any. */
export const tierCorsOrigin = 'https://h5.ankang.test';

/** A token-signing secret fresh for each run, so no token outlives its tier. */
export const freshJwtSecret = (tier: string) => `${tier}-tier-${randomBytes(24).toString('hex')}`;

/**
 * Provides the keys tests/api/http.ts and the API tests read (declared in api.global.ts), pointing at
 * `stack`: the API tier's own, or another tier's that reuses those helpers (resilience.global.ts).
 */
export function provideApiContext(
  project: TestProject,
  stack: LocalStack,
  config: {
    wechatBase: string;
    searchLimits: { perUser: number; perIp: number };
    jwtSecret: string;
    corsOrigin: string;
  },
): void {
  project.provide('apiBase', stack.apiBase);
  project.provide('apiDynamoEndpoint', stack.dynamoEndpoint);
  project.provide('apiWechatBase', config.wechatBase);
  project.provide('apiS3Endpoint', stack.s3Endpoint);
  project.provide('apiSearchLimits', config.searchLimits);
  project.provide('apiJwtSecret', config.jwtSecret);
  project.provide('apiCorsOrigin', config.corsOrigin);
}
