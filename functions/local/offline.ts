import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';
import { captureOutput, freePort, startChild, stopChild, waitFor } from './processes';

export interface OfflineApi {
  apiBase: string;
  /** Its Lambda invoke API: the local stand-in for SQS runs the job consumers through it. */
  lambdaEndpoint: string;
  stop(): Promise<void>;
}

export interface OfflineOptions {
  dynamoEndpoint: string;
  /** s3rver's endpoint (functions/local/s3Local.ts); the bucket is the local stage's fixed one. */
  s3Endpoint?: string;
  /** The stand-in for SQS (functions/local/fakeSqs.ts) the API queues jobs on. */
  sqsEndpoint?: string;
  wechatApiBase?: string;
  httpPort?: number;
  devLogin?: boolean;
  /** Detail rows up to which a report export is written in the request (the API tier lowers it). */
  exportInlineMaxRows?: number;
  /** Public searches a minute per user and per source IP; each test tier sets its own. */
  searchLimits?: { perUser: number; perIp: number };
  /** The secret tokens are signed with; the local stage's own default (serverless.yml) unless given. */
  jwtSecret?: string;
  /** The one origin CORS admits; any origin (the local stage's default) unless given. */
  corsOrigin?: string;
}

/**
 * serverless-offline for the `local` stage on 127.0.0.1: the same serverless.yml, handlers and
 * pipeline as a deployment, bundled by serverless-esbuild. Resolves once /health answers.
 */
export async function startOffline(options: OfflineOptions): Promise<OfflineApi> {
  const httpPort = options.httpPort ?? (await freePort());
  const lambdaPort = await freePort();
  // serverless-offline copies each function into the temp dir and leaves it there; give it its own.
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'ankang-offline-'));
  const child = startChild(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/serverless/bin/serverless.js'),
      'offline',
      'start',
      '--stage',
      'local',
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ANKANG_HTTP_PORT: String(httpPort),
        ANKANG_LAMBDA_PORT: String(lambdaPort),
        ANKANG_DYNAMODB_ENDPOINT: options.dynamoEndpoint,
        ...(options.s3Endpoint ? { ANKANG_S3_ENDPOINT: options.s3Endpoint } : {}),
        ...(options.sqsEndpoint ? { ANKANG_SQS_ENDPOINT: options.sqsEndpoint } : {}),
        ANKANG_WECHAT_API_BASE: options.wechatApiBase ?? 'http://127.0.0.1:9',
        ANKANG_DEV_LOGIN: String(options.devLogin ?? true),
        ...(options.exportInlineMaxRows === undefined
          ? {}
          : { ANKANG_EXPORT_INLINE_MAX_ROWS: String(options.exportInlineMaxRows) }),
        ...(options.searchLimits
          ? {
              ANKANG_SEARCH_LIMIT_PER_USER: String(options.searchLimits.perUser),
              ANKANG_SEARCH_LIMIT_PER_IP: String(options.searchLimits.perIp),
            }
          : {}),
        ...(options.jwtSecret ? { ANKANG_JWT_SECRET: options.jwtSecret } : {}),
        ...(options.corsOrigin ? { ANKANG_CORS_ORIGIN: options.corsOrigin } : {}),
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        TMPDIR: tmpDir,
      },
    },
  );
  const output = captureOutput(child);
  const apiBase = `http://127.0.0.1:${httpPort}`;
  try {
    // Bundling every function takes minutes on a busy 2-core machine (200 s seen at load 14).
    await waitFor('serverless-offline', async () => (await fetch(`${apiBase}/health`)).ok, {
      timeoutMs: 300_000,
      child,
      output,
    });
  } catch (error) {
    await stopChild(child);
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  return {
    apiBase,
    lambdaEndpoint: `http://127.0.0.1:${lambdaPort}`,
    stop: async () => {
      await stopChild(child);
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}
