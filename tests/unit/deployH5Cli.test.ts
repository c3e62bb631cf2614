import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** `npm run deploy:h5 -- …` as an operator without any AWS credentials runs it. */
function deploy(args: string[]): Promise<{ code: number | null; stderr: string }> {
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
      ['functions/local/deployH5.ts', ...args],
      { cwd: root, env },
      (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
}

describe('npm run deploy:h5: refusals before any work', () => {
  it('says in Chinese that it finds no AWS credentials, and builds nothing', {
    timeout: 30_000,
  }, async () => {
    const result = await deploy([
      '--stage',
      'prod',
      '--region',
      'cn-north-1',
      '--domain',
      'h5.example.cn',
      '--iam-certificate-id',
      'ASCAEXAMPLE',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('H5 部署失败： 找不到 AWS 凭证');
    expect(result.stderr).not.toContain('构建 H5 应用');
  });

  it('asks for an ICP-filed domain and its certificate in a China region', { timeout: 30_000 }, async () => {
    const result = await deploy(['--stage', 'prod', '--region', 'cn-north-1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('中国区域的 CloudFront 不能用默认域名 *.cloudfront.cn 提供内容');
  });

  it('refuses a domain without a certificate, and the local stage', { timeout: 30_000 }, async () => {
    const [noCertificate, local] = await Promise.all([
      deploy(['--stage', 'prod', '--region', 'cn-north-1', '--domain', 'h5.example.cn']),
      deploy(['--stage', 'local']),
    ]);
    expect(noCertificate.code).toBe(1);
    expect(noCertificate.stderr).toContain('--domain 需要且只需要一个证书');
    expect(local.code).toBe(1);
    expect(local.stderr).toContain('本地环境不需要部署');
  });

  it('prints the usage and exits 2 without --stage', { timeout: 30_000 }, async () => {
    const result = await deploy([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法：npm run deploy:h5 -- --stage <stage>');
  });
});
