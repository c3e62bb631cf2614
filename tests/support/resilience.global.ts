import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFakeWechat } from '../../functions/local/fakeWechat';
import { freePort } from '../../functions/local/processes';
import { alive, signalTree } from '../resilience/faultsDynamo';
import { freshJwtSecret, provideApiContext, tierCorsOrigin } from './apiTierContext';
import { startLocalStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The resilience tier's API (its own stack: its files run one at a time against it). */
    resilienceApiBase: string;
    /**
     * The tier's DynamoDB Local: a fault test may stop it (`process.kill(-pid)`: pid leads its
     * process group) and start it again on `port` with `dataDir`, where the table is kept on disk.
     */
    resilienceDynamo: { endpoint: string; port: number; dataDir: string; pid: number };
    resilienceWechatBase: string;
  }
}

/**
 * Ample for every search a hostile run makes, so a limit never hides what the input would have
 * done (the limits' own behaviour is tests/api/stationSearchAttack.test.ts's).
 */
const searchLimits = { perUser: 100_000, perIp: 100_000 };

const jwtSecret = freshJwtSecret('resilience');
const corsOrigin = tierCorsOrigin;

/**
 * The processes whose command line names `dataDir`: the DynamoDB Local this setup started and any
 * a test started again on the same data. The folder is this run's own (a fresh temporary one), so
 * nothing else names it.
 */
function processesUsing(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(dataDir)) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

/** Ends a DynamoDB Local a test restarted and left running: asks, then forces after 5 s. */
async function stopLeftovers(dataDir: string): Promise<void> {
  const pids = processesUsing(dataDir);
  // One may end between the listing and the signal: signalTree ignores that.
  for (const pid of pids) signalTree(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) signalTree(pid, 'SIGKILL');
}

/**
 * serverless-offline against a DynamoDB Local kept on disk (so a test may restart it with its data),
 * s3rver and a fake WeChat, for the resilience tier. The keys tests/api/http.ts reads are provided
 * too, pointing at this stack, so its request() and logins serve this tier unchanged.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ankang-resilience-dynamo-'));
  const port = await freePort();
  const wechat = await startFakeWechat();
  const stack = await startLocalStack({
    wechatApiBase: wechat.url,
    searchLimits,
    jwtSecret,
    corsOrigin,
    dynamo: { port, dataDir },
  }).catch(async (error) => {
    await wechat.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('resilienceApiBase', stack.apiBase);
  project.provide('resilienceDynamo', {
    endpoint: stack.dynamoEndpoint,
    port,
    dataDir,
    pid: stack.dynamoPid,
  });
  project.provide('resilienceWechatBase', wechat.url);
  provideApiContext(project, stack, { wechatBase: wechat.url, searchLimits, jwtSecret, corsOrigin });
  return async () => {
    // Stops the DynamoDB Local started here if it still runs (a fault test may have stopped it).
    await stack.stop();
    await stopLeftovers(dataDir);
    await wechat.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
