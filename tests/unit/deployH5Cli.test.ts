import { describe, expect, it } from 'vitest';
import { runWithoutCredentials } from '../support/operatorCli';

/** `npm run deploy:h5 -- …` as an operator without any AWS credentials runs it. */
const deploy = (args: string[]) => runWithoutCredentials('functions/local/deployH5.ts', args);

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
