/**
 * `npm run jobs:redrive -- --stage prod --region cn-north-1 [--dry-run] [--max N]`: sends the
 * failed runs of the stage's jobs (reminders, monitoring sweep, export) back to their queues, from
 * the stage's failed-jobs queue, with the operator's AWS credentials (sqs:GetQueueUrl on the four
 * queues; ReceiveMessage, DeleteMessage, ChangeMessageVisibility on the failed-jobs queue;
 * SendMessage on the jobs' queues). See jobRedrive.ts for what is sent, deleted and left. Exits 1
 * when a message was left or a run failed, 2 on wrong arguments.
 */
import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { REDRIVE_MAX_LIMIT, redriveJobs } from './jobRedrive';
import { runStageCommand } from './stageCommand';

// The operator's machine may run Node 20 (as this repository does); the SDK's notice about Node 22
// is not about this command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `用法：npm run jobs:redrive -- --stage <stage> [--region cn-north-1] [--dry-run] [--max N（1–${REDRIVE_MAX_LIMIT}，默认 100）]`;

function refuse(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

let values: { stage?: string; region?: string; 'dry-run'?: boolean; max?: string };
try {
  ({ values } = parseArgs({
    options: {
      stage: { type: 'string' },
      region: { type: 'string' },
      'dry-run': { type: 'boolean' },
      max: { type: 'string' },
    },
  }));
} catch (error) {
  refuse(`参数有误：${error instanceof Error ? error.message : error}`);
}
const { stage, region = 'cn-north-1' } = values;
if (stage === undefined || !/^[a-z0-9-]+$/.test(stage)) refuse('缺少或不合规的 --stage');
if (stage === 'local') refuse('本地环境没有失败任务队列（--stage 应为已部署的环境，如 prod）。');
const max = Number(values.max ?? 100);
if (!(Number.isSafeInteger(max) && max >= 1 && max <= REDRIVE_MAX_LIMIT)) {
  refuse(`--max 应为 1 到 ${REDRIVE_MAX_LIMIT} 的整数`);
}

runStageCommand('重发失败任务出错', async () => {
  const sqs = new SQSClient({ region });
  try {
    await sqs.config.credentials();
  } catch {
    throw new Error(
      '找不到 AWS 凭证。请先配置运维账号的凭证（环境变量 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY，' +
        '或 aws configure 后用 AWS_PROFILE 指定），再运行 npm run jobs:redrive。',
    );
  }
  const report = await redriveJobs(sqs, { stage, max, dryRun: values['dry-run'] === true });
  return report.left + report.failed > 0 ? 'incomplete' : undefined;
});
