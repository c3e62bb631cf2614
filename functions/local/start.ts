/**
 * `npm start`: the whole system on this machine. DynamoDB Local (data kept in .local/) → the
 * table from serverless.yml → demo data → serverless-offline → the H5 app built against it and
 * served. Ctrl-C stops everything.
 */
import path from 'node:path';
import { buildH5 } from './buildH5';
import { startDynamoLocal } from './dynamoLocal';
import { startFakeWechat } from './fakeWechat';
import { startLocalJobQueues } from './localJobQueues';
import { startOffline } from './offline';
import { repoRoot } from './paths';
import { startS3Local } from './s3Local';
import { seedDemoData } from './seed';
import { serveStatic } from './serveStatic';
import { ensureTable } from './table';

const ports = {
  dynamo: Number(process.env.ANKANG_DYNAMO_PORT ?? 8000),
  api: Number(process.env.ANKANG_HTTP_PORT ?? 3000),
  web: Number(process.env.ANKANG_WEB_PORT ?? 10086),
};
const tableName = 'ankang-local';

function step(message: string): void {
  console.log(`[ankang] ${message}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const stops: Array<() => Promise<void>> = [];
  const shutdown = async (code: number) => {
    step('正在停止…');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    step(`启动 DynamoDB Local（端口 ${ports.dynamo}，数据保存在 .local/dynamodb）`);
    const dynamo = await startDynamoLocal({
      port: ports.dynamo,
      dataDir: path.join(repoRoot, '.local/dynamodb'),
    });
    stops.push(dynamo.stop);
    const s3 = await startS3Local({ dataDir: path.join(repoRoot, '.local/s3') });
    stops.push(s3.stop);
    const table = await ensureTable(dynamo.client, tableName);
    const seeded = await seedDemoData(dynamo.client, tableName, new Date(), s3);
    const indexes = table.addedIndexes.length > 0 ? `，补建索引 ${table.addedIndexes.join('、')}` : '';
    step(
      `数据表 ${tableName} ${table.status === 'created' ? '已创建' : `已存在${indexes}`}；演示数据新增 ${seeded} 条`,
    );

    // No real WeChat answers on this machine: a fake (the tests' too) makes station posters' codes and
    // passes comments (text with 违规词 is refused, 待复核 or 微信断线 is held for staff review).
    const wechat = await startFakeWechat();
    stops.push(wechat.close);
    // No SQS either: a stand-in hands each queued job (a large report export) to its consumer.
    const jobQueues = await startLocalJobQueues();
    stops.push(jobQueues.close);
    const apiBase = `http://127.0.0.1:${ports.api}`;
    step('启动 serverless-offline，同时构建 H5 应用…');
    const [api] = await Promise.all([
      startOffline({
        dynamoEndpoint: dynamo.endpoint,
        s3Endpoint: s3.endpoint,
        wechatApiBase: wechat.url,
        sqsEndpoint: jobQueues.url,
        httpPort: ports.api,
        devLogin: true,
      }),
      buildH5(apiBase),
    ]);
    stops.push(api.stop);
    jobQueues.consumeWith(api.lambdaEndpoint);
    const web = await serveStatic(path.join(repoRoot, 'client/dist/h5'), {
      port: ports.web,
      apiBase,
      storageBase: s3.endpoint,
    });
    stops.push(web.close);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`
职工安康 本地环境已就绪（${seconds} 秒）
  H5 应用     ${web.url}/   （开发登录：选择演示账号）
  API         ${api.apiBase}   （例如 ${api.apiBase}/health）
  DynamoDB    ${dynamo.endpoint}   表 ${tableName}
  S3 (s3rver) ${s3.endpoint}   桶 ${s3.bucket}（照片保存在 .local/s3）
  任务队列    ${jobQueues.url}   SQS 的本地替身（大报表导出交给 serverless-offline 中的任务函数）
按 Ctrl-C 停止。`);
  } catch (error) {
    console.error('[ankang] 启动失败：', error);
    await shutdown(1);
  }
}

void main();
