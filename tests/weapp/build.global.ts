import { spawn } from 'node:child_process';
import path from 'node:path';
import { kb, measurePackages } from './packages';

const repoRoot = path.resolve(__dirname, '../..');

function buildWeapp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:weapp', '-w', '@ankang/client'], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`weapp build failed (exit ${code})\n${output.slice(-4000)}`)),
    );
  });
}

/** Builds the mini-program once for the tier (SKIP_WEAPP_BUILD=1 reuses dist/weapp) and reports its sizes. */
export default async function setup() {
  if (process.env.SKIP_WEAPP_BUILD === '1') {
    console.log('[weapp] SKIP_WEAPP_BUILD=1: testing the existing client/dist/weapp');
  } else {
    const started = Date.now();
    await buildWeapp();
    console.log(`[weapp] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const { bytes } = measurePackages();
  for (const [name, size] of Object.entries(bytes)) {
    console.log(`[weapp] ${name === 'main' ? 'main package' : `subpackage ${name}`}: ${kb(size)}`);
  }
}
