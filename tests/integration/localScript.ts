import { spawnSync } from 'node:child_process';

/**
 * An operator script (`functions/local/<script>`) as the operator runs it: on the local stage,
 * against `table` of the tests' DynamoDB Local, with `args` after.
 */
export function runLocalScript(script: string, table: string, ...args: string[]) {
  return spawnSync(
    'npx',
    [
      'tsx',
      `functions/local/${script}`,
      '--stage',
      'local',
      '--table',
      table,
      '--endpoint',
      process.env.DYNAMODB_ENDPOINT!,
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
}
