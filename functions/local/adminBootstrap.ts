/**
 * `npm run admin:bootstrap -- --stage prod --region cn-north-1 [--force]`: prints a one-time admin
 * invite for a deployed stage's table (with the operator's AWS credentials, which must read the
 * stage's lookup-key SSM parameter and write the table), or for the local table with
 * `--stage local` (DynamoDB Local of `npm start`). Refuses when an admin exists unless `--force`.
 */
import { parseArgs } from 'node:util';
import { localFunctionEnv } from './seedEnv';

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    region: { type: 'string', default: 'cn-north-1' },
    force: { type: 'boolean', default: false },
    /** Overrides for tests and unusual setups: the table and the DynamoDB endpoint. */
    table: { type: 'string' },
    endpoint: { type: 'string' },
  },
});

const stage = values.stage;
if (!stage || !/^[a-z0-9-]+$/.test(stage)) {
  console.error('用法：npm run admin:bootstrap -- --stage <stage> [--region cn-north-1] [--force]');
  process.exit(2);
}
// The table as serverless.yml names it (custom.tableName: ankang-${stage}).
const tableName = values.table ?? `ankang-${stage}`;

/** The function environment the services read at load, as serverless.yml gives it to the stage. */
function stageEnv(): Record<string, string> {
  if (stage === 'local') {
    return {
      ...localFunctionEnv(tableName),
      DYNAMODB_ENDPOINT: values.endpoint ?? process.env.ANKANG_DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000',
    };
  }
  return {
    STAGE: stage!,
    AWS_REGION: values.region!,
    TABLE_NAME: tableName,
    ...(values.endpoint ? { DYNAMODB_ENDPOINT: values.endpoint } : {}),
    // Read at run time from SSM, as the functions do: the lookup key hashes the invite code.
    LOOKUP_KEY_PARAM: `/ankang/${stage}/lookup-key`,
    // Required by the functions' env schema, never used by this command.
    JWT_SECRET_PARAM: `/ankang/${stage}/jwt-secret`,
    PSEUDONYM_KEY_PARAM: `/ankang/${stage}/pseudonym-key`,
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    WECHAT_APPID: 'unused-by-admin-bootstrap',
    FIELD_KEY_ID: 'unused-by-admin-bootstrap',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

async function main(): Promise<void> {
  Object.assign(process.env, stageEnv());
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { bootstrapAdminInvite } = await import('../src/services/adminBootstrap');
  const result = await bootstrapAdminInvite({ force: values.force! });
  if (result.kind === 'refused') {
    const names = result.admins.map((admin) => `${admin.nickname}（${admin.userId}）`).join('、');
    console.error(`表 ${tableName} 已有管理员：${names}。如确需再发管理员邀请，请加 --force。`);
    process.exit(1);
  }
  console.log(`已为表 ${tableName} 生成一次性管理员邀请，${result.expiresAt} 前有效（只能接受一次）：`);
  console.log(`邀请码：${result.code}`);
  console.log(`小程序页面：${result.path}`);
  console.log('在微信开发者工具或体验版中打开上面的页面（或把页面路径生成小程序码），登录后点“接受邀请”。');
}

main().catch((error: unknown) => {
  console.error('生成管理员邀请失败：', error instanceof Error ? error.message : error);
  process.exit(1);
});
