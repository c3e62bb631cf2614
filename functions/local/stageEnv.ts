import { localFunctionEnv } from './seedEnv';

/**
 * The function environment the db modules read when they load, as serverless.yml gives it to a
 * stage, for the operator's commands that run service code against a stage's table
 * (`stations:backfill`, `migrate:reports`). With `--stage local`, the local stack's table.
 */
export function stageFunctionEnv(
  stage: string,
  options: { region: string; tableName: string; endpoint?: string; command: string },
): Record<string, string> {
  if (stage === 'local') {
    return {
      ...localFunctionEnv(options.tableName),
      DYNAMODB_ENDPOINT: options.endpoint ?? process.env.ANKANG_DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    };
  }
  return {
    STAGE: stage,
    AWS_REGION: options.region,
    TABLE_NAME: options.tableName,
    ...(options.endpoint ? { DYNAMODB_ENDPOINT: options.endpoint } : {}),
    // Required by the functions' env schema, never used by these commands (no secret is read).
    JWT_SECRET_PARAM: `/ankang/${stage}/jwt-secret`,
    PSEUDONYM_KEY_PARAM: `/ankang/${stage}/pseudonym-key`,
    LOOKUP_KEY_PARAM: `/ankang/${stage}/lookup-key`,
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    WECHAT_APPID: `unused-by-${options.command}`,
    FIELD_KEY_ID: `unused-by-${options.command}`,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}
