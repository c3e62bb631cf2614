import { execFile } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * An operator command (`functions/local/<script>`) run as an operator without any AWS credentials
 * runs it: no AWS_ variable of this process, and config and credentials files that do not exist.
 */
export function runWithoutCredentials(
  script: string,
  args: string[],
): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  Object.assign(env, {
    AWS_CONFIG_FILE: path.join(root, 'tests/.no-such-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'tests/.no-such-aws-credentials'),
    // No instance metadata on a developer's machine; the lookup would only add its timeout.
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      [script, ...args],
      { cwd: root, env },
      (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
}
