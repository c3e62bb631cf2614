/**
 * `npm run admin:bootstrap -- --stage prod --region cn-north-1 [--force]`: prints a one-time admin
 * invite for a deployed stage's table (with the operator's AWS credentials, which must read the
 * stage's lookup-key SSM parameter and write the table), or for the local table with
 * `--stage local` (DynamoDB Local of `npm start`). Refuses when an admin exists unless `--force`.
 */
import { openStageCommand, runStageCommand } from './stageCommand';

const command = openStageCommand({
  script: 'admin:bootstrap',
  command: 'admin-bootstrap',
  booleans: ['force'],
  usage: '[--force]',
});
const { tableName } = command;

runStageCommand('生成管理员邀请失败', async () => {
  // Loaded after the environment is set: the functions parse it when their modules load.
  const { bootstrapAdminInvite } = await import('../src/services/adminBootstrap');
  const result = await bootstrapAdminInvite({ force: command.flag('force') });
  if (result.kind === 'refused') {
    const names = result.admins.map((admin) => `${admin.nickname}（${admin.userId}）`).join('、');
    console.error(`表 ${tableName} 已有管理员：${names}。如确需再发管理员邀请，请加 --force。`);
    return 'refused';
  }
  console.log(`已为表 ${tableName} 生成一次性管理员邀请，${result.expiresAt} 前有效（只能接受一次）：`);
  console.log(`邀请码：${result.code}`);
  console.log(`小程序页面：${result.path}`);
  console.log('在微信开发者工具或体验版中打开上面的页面（或把页面路径生成小程序码），登录后点“接受邀请”。');
  return undefined;
});
