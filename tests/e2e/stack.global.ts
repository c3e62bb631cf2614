import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildH5 } from '../../functions/local/buildH5';
import { serveStatic } from '../../functions/local/serveStatic';
import { startLocalStack } from '../support/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    h5Url: string;
  }
}

const h5Dist = path.resolve(__dirname, '../../client/dist/h5');

/**
 * The whole system as a person meets it: DynamoDB Local + serverless-offline with demo data, then
 * the H5 app built against that API (its free port is known only once it listens) and served on
 * 127.0.0.1.
 */
export default async function setup(project: TestProject) {
  let started = Date.now();
  // Every search of the browser tests comes from 127.0.0.1: a budget no run of the tier can fill.
  const stack = await startLocalStack({ searchLimits: { perUser: 10_000, perIp: 100_000 } });
  console.log(`[e2e] API ${stack.apiBase} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    started = Date.now();
    await buildH5(stack.apiBase, { quiet: true });
    console.log(`[e2e] H5 built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const web = await serveStatic(h5Dist);
    project.provide('apiBase', stack.apiBase);
    project.provide('h5Url', web.url);
    return async () => {
      await web.close();
      await stack.stop();
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
