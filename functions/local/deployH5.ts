import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  type Stack,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { GetBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { type H5Asset, precompressH5 } from '../stack/h5Assets';
import { h5SecurityHeaders, inlineScriptHashes } from '../stack/h5Headers';
import { type H5Domain, h5StackName, h5StackTemplate } from '../stack/h5Stack';
import { buildH5 } from './buildH5';
import { liveScriptHashes, uploadH5 } from './h5Upload';
import { repoRoot } from './paths';
import { openStageCommand, runStageCommand, type StageCommand } from './stageCommand';

/**
 * `npm run deploy:h5 -- --stage prod --region cn-north-1 [--api-base URL] [--domain …]`: builds
 * the H5 app against the stage's API, creates or updates its hosting stack (functions/stack/
 * h5Stack.ts) with the security headers of this very build, uploads the build (content-named
 * files first, index.html last, files of older deploys deleted), invalidates index.html at the
 * edge and prints the address.
 */

// The operator's machine may run Node 20 (as this repository does); the SDK's notice about Node 22
// is not about this deploy.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Command = StageCommand<never, 'api-base' | 'domain' | 'iam-certificate-id' | 'acm-certificate-arn'>;

const h5Dist = path.join(repoRoot, 'client/dist/h5');
/** Creating a distribution takes minutes; CloudFormation gives up on its own well before this. */
const STACK_WAIT_SECONDS = 3600;

function step(text: string) {
  console.log(`[deploy:h5] ${text}`);
}

function domainOf(command: Command): H5Domain | undefined {
  const name = command.text('domain');
  const iamCertificateId = command.text('iam-certificate-id');
  const acmCertificateArn = command.text('acm-certificate-arn');
  if (!name) {
    if (iamCertificateId || acmCertificateArn) throw new Error('给了证书却没有 --domain：证书属于哪个域名？');
    return undefined;
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(name)) {
    throw new Error(`--domain ${name} 不是域名（例如 h5.example.cn，不带 https://）`);
  }
  if (iamCertificateId && !acmCertificateArn) return { name, iamCertificateId };
  if (acmCertificateArn && !iamCertificateId) return { name, acmCertificateArn };
  throw new Error('--domain 需要且只需要一个证书：--iam-certificate-id（中国区域）或 --acm-certificate-arn');
}

/** Fails early, before the build, when the SDK finds no credentials at all. */
async function requireCredentials(client: CloudFormationClient): Promise<void> {
  try {
    await client.config.credentials();
  } catch {
    throw new Error(
      '找不到 AWS 凭证。请先配置部署账号的凭证（环境变量 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY，' +
        '或 aws configure 后用 AWS_PROFILE 指定），再运行 npm run deploy:h5。',
    );
  }
}

async function describeStack(client: CloudFormationClient, name: string): Promise<Stack | undefined> {
  try {
    const answer = await client.send(new DescribeStacksCommand({ StackName: name }));
    return answer.Stacks?.[0];
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/** The backend stack (serverless.yml's) gives the API's address and the photo bucket. */
async function readBackend(client: CloudFormationClient, command: Command) {
  const name = `ankang-${command.stage}`;
  const stack = await describeStack(client, name);
  if (!stack) {
    throw new Error(
      `后端栈 ${name} 在 ${command.region} 不存在：请先部署后端（npx serverless deploy --stage ${command.stage} --region ${command.region}）`,
    );
  }
  const apiUrl = stack.Outputs?.find((output) => output.OutputKey === 'HttpApiUrl')?.OutputValue;
  const bucket = await client.send(
    new DescribeStackResourceCommand({ StackName: name, LogicalResourceId: 'PhotoBucket' }),
  );
  const photoBucket = bucket.StackResourceDetail?.PhysicalResourceId;
  if (!photoBucket) throw new Error(`后端栈 ${name} 没有照片桶（PhotoBucket）`);
  return { apiUrl, photoBucket };
}

/** Where presigned photo URLs point: the bucket's regional virtual-hosted origin. */
function photoBucketOrigin(bucket: string, region: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Creates or updates the hosting stack and answers its outputs. */
async function deployStack(
  client: CloudFormationClient,
  name: string,
  template: ReturnType<typeof h5StackTemplate>,
): Promise<Record<string, string>> {
  const body = JSON.stringify(template);
  const existing = await describeStack(client, name);
  const waiter = { client, maxWaitTime: STACK_WAIT_SECONDS };
  try {
    if (!existing) {
      step(`创建栈 ${name}（CloudFront 分发需要几分钟）…`);
      // A first create that fails is deleted, not left in ROLLBACK_COMPLETE blocking the next try.
      await client.send(new CreateStackCommand({ StackName: name, TemplateBody: body, OnFailure: 'DELETE' }));
      await waitUntilStackCreateComplete(waiter, { StackName: name });
    } else {
      step(`更新栈 ${name}…`);
      try {
        await client.send(new UpdateStackCommand({ StackName: name, TemplateBody: body }));
      } catch (error) {
        if (error instanceof Error && /No updates are to be performed/.test(error.message)) {
          step('栈无变化');
          return outputsOf(await describeStack(client, name));
        }
        throw error;
      }
      await waitUntilStackUpdateComplete(waiter, { StackName: name });
    }
  } catch (error) {
    const status = (await describeStack(client, name))?.StackStatus ?? '已删除';
    throw new Error(
      `栈 ${name} 部署未成功（状态 ${status}）：请在 CloudFormation 控制台查看该栈的事件。` +
        `${error instanceof Error ? error.message : error}`,
    );
  }
  return outputsOf(await describeStack(client, name));
}

/** The stack's outputs; all three required unless `optional` (a stack not yet made has none). */
function outputsOf(stack: Stack | undefined, options: { optional?: boolean } = {}): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const output of stack?.Outputs ?? []) {
    if (output.OutputKey && output.OutputValue) outputs[output.OutputKey] = output.OutputValue;
  }
  if (options.optional) return outputs;
  for (const key of ['BucketName', 'DistributionId', 'Url']) {
    if (!outputs[key]) throw new Error(`栈 ${stack?.StackName} 缺少输出 ${key}`);
  }
  return outputs;
}

/** The photo bucket's CORS admits serverless.yml's corsOrigin only: it must be this site. */
async function warnOnCors(s3: S3Client, photoBucket: string, siteOrigin: string): Promise<void> {
  const cors = await s3.send(new GetBucketCorsCommand({ Bucket: photoBucket })).catch(() => undefined);
  const origins = cors?.CORSRules?.flatMap((rule) => rule.AllowedOrigins ?? []) ?? [];
  if (!origins.includes(siteOrigin) && !origins.includes('*')) {
    console.warn(
      `[deploy:h5] 注意：照片桶与 API 只允许来源 ${origins.join('、') || '（无）'}，不含 ${siteOrigin}。` +
        `请把 serverless.yml 的 corsOrigin 设为 ${siteOrigin} 并重新部署后端，否则 H5 应用无法上传照片、调用 API。`,
    );
  }
}

function sizes(assets: readonly H5Asset[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const plain = assets.reduce((sum, asset) => sum + asset.plainBytes, 0);
  const sent = assets.reduce((sum, asset) => sum + asset.sentBytes, 0);
  return `${assets.length} 个文件，原始 ${kb(plain)}，存储/传输 ${kb(sent)}`;
}

async function deployH5(command: Command): Promise<undefined> {
  if (command.stage === 'local') {
    throw new Error('本地环境不需要部署：npm start 会构建 H5 应用并在本机提供');
  }
  const { region, stage } = command;
  const domain = domainOf(command);
  if (region.startsWith('cn-') && !domain) {
    throw new Error(
      '中国区域的 CloudFront 不能用默认域名 *.cloudfront.cn 提供内容：请加 --domain <已 ICP 备案的域名> ' +
        '和 --iam-certificate-id <上传到 IAM 证书库的证书 ID>',
    );
  }
  const cloudFormation = new CloudFormationClient({ region });
  await requireCredentials(cloudFormation);
  const backend = await readBackend(cloudFormation, command);
  const apiBase = command.text('api-base') ?? backend.apiUrl;
  if (!apiBase) throw new Error('后端栈没有 HttpApiUrl 输出：请用 --api-base 指定 API 地址');
  if (!command.text('api-base') && region.startsWith('cn-')) {
    console.warn(
      `[deploy:h5] 注意：使用后端栈的默认地址 ${apiBase}。中国区域的 API 默认地址要经 ICP 备案的自定义域名才能公开访问，` +
        '请用 --api-base https://<已备案的 API 域名> 指定。',
    );
  }
  let apiOrigin: string;
  try {
    const url = new URL(apiBase);
    if (url.protocol !== 'https:') throw new Error('not https');
    apiOrigin = url.origin;
  } catch {
    throw new Error(`API 地址 ${apiBase} 不是 https 地址（微信与浏览器都只允许 https）`);
  }

  step(`构建 H5 应用（API ${apiBase}）…`);
  await buildH5(apiBase);
  const assets = precompressH5(h5Dist);
  const unknown = assets.filter((asset) => !asset.rule).map((asset) => asset.key);
  if (unknown.length > 0) {
    throw new Error(
      `构建里有不认识类型的文件：${unknown.join('、')}。请在 functions/stack/h5Assets.ts 的类型表里加上它们`,
    );
  }
  step(`压缩完成：${sizes(assets)}`);

  const s3 = new S3Client({ region });
  const live = outputsOf(await describeStack(cloudFormation, h5StackName(stage)), { optional: true });
  const scriptHashes = new Set([
    ...inlineScriptHashes(readFileSync(path.join(h5Dist, 'index.html'), 'utf8')),
    ...(live.BucketName ? await liveScriptHashes(s3, live.BucketName) : []),
  ]);
  const headers = h5SecurityHeaders({
    apiOrigin,
    storageOrigin: photoBucketOrigin(backend.photoBucket, region),
    scriptHashes: [...scriptHashes],
    amap: Boolean(process.env.TARO_APP_AMAP_KEY),
  });
  const outputs = await deployStack(
    cloudFormation,
    h5StackName(stage),
    h5StackTemplate({ stage, headers, ...(domain ? { domain } : {}) }),
  );

  step(`上传到桶 ${outputs.BucketName}…`);
  const deleted = await uploadH5(s3, outputs.BucketName!, assets);
  step(`上传 ${assets.length} 个文件，删除旧文件 ${deleted} 个`);

  const cloudFront = new CloudFrontClient({ region });
  const invalidation = await cloudFront.send(
    new CreateInvalidationCommand({
      DistributionId: outputs.DistributionId,
      InvalidationBatch: {
        CallerReference: `deploy-h5-${Date.now()}`,
        // The root object is cached under `/` as well as under its own name.
        Paths: { Quantity: 2, Items: ['/', '/index.html'] },
      },
    }),
  );
  step(`已请求刷新边缘缓存 ${invalidation.Invalidation?.Id ?? ''}（index.html）`);
  await warnOnCors(s3, backend.photoBucket, new URL(outputs.Url!).origin);
  console.log(`\nH5 应用已部署：${outputs.Url}`);
  return undefined;
}

const command: Command = openStageCommand({
  script: 'deploy:h5',
  command: 'deploy-h5',
  strings: ['api-base', 'domain', 'iam-certificate-id', 'acm-certificate-arn'],
  usage:
    '[--api-base https://api.example.cn] [--domain h5.example.cn --iam-certificate-id <证书 ID> | --acm-certificate-arn <ARN>]',
});
runStageCommand('H5 部署失败', () => deployH5(command));
