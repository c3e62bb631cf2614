import { spawn } from 'node:child_process';
import { repoRoot } from './paths';

/** Builds the H5 app with the API base baked in (Taro inlines TARO_APP_* variables). */
export function buildH5(apiBase: string, options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:h5', '-w', '@ankang/client'], {
      cwd: repoRoot,
      env: { ...process.env, TARO_APP_API_BASE: apiBase, NODE_ENV: 'production' },
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`H5 build failed (exit ${code})\n${output.slice(-4000)}`)),
    );
  });
}
