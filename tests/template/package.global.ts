import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    packageDir: string;
  }
}

const root = path.resolve(__dirname, '../..');

/** `serverless package --stage prod`, offline and without credentials, into a folder of its own. */
export default async function setup(project: TestProject) {
  const packageDir = path.join(root, 'tests/.artifacts/package-prod');
  rmSync(packageDir, { recursive: true, force: true });
  const started = Date.now();
  await promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'node_modules/serverless/bin/serverless.js'),
      'package',
      '--stage',
      'prod',
      '--package',
      packageDir,
    ],
    { cwd: root, env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' }, maxBuffer: 16 * 1024 * 1024 },
  );
  console.log(`serverless package --stage prod: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('packageDir', packageDir);
}
