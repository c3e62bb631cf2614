import { describe, expect, it } from 'vitest';
import { runWithoutCredentials } from '../support/operatorCli';

/** `npm run jobs:redrive -- …` as an operator without any AWS credentials runs it. */
const redrive = (args: string[]) => runWithoutCredentials('functions/local/redriveJobs.ts', args);

describe('npm run jobs:redrive: refusals before any work', () => {
  it('refuses wrong arguments with its usage, exit 2', { timeout: 30_000 }, async () => {
    const results = await Promise.all([
      redrive([]),
      redrive(['--stage', 'local']),
      redrive(['--stage', 'prod', '--max', '0']),
      redrive(['--stage', 'prod', '--max', '1001']),
      redrive(['--stage', 'prod', '--force']),
    ]);
    expect(results.map((result) => result.code)).toStrictEqual([2, 2, 2, 2, 2]);
    for (const result of results)
      expect(result.stderr).toContain('用法：npm run jobs:redrive -- --stage <stage>');
    expect(results[0]?.stderr).toContain('缺少或不合规的 --stage');
    expect(results[1]?.stderr).toContain('本地环境没有失败任务队列');
    expect(results[2]?.stderr).toContain('--max 应为 1 到 1000 的整数');
    expect(results[3]?.stderr).toContain('--max 应为 1 到 1000 的整数');
    expect(results[4]?.stderr).toContain('参数有误');
  });

  it('says what failed when it finds no AWS credentials, exit 1', { timeout: 30_000 }, async () => {
    const result = await redrive(['--stage', 'prod', '--region', 'cn-north-1', '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('重发失败任务出错： 找不到 AWS 凭证');
  });
});
