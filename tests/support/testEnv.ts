/**
 * The integration tier's public search limits (a minute): small, so a test reaches each quickly.
 * Its searches from the default 127.0.0.1 stay far below the address's; its other searches send
 * addresses of their own.
 */
export const testSearchLimits = { perUser: 20, perIp: 100 };

/** The function environment for tests that load handlers in-process against DynamoDB Local. */
export function handlerEnv(
  dynamoEndpoint: string,
  tableName: string,
  wechatApiBase: string,
  storage: { s3Endpoint: string; photoBucket: string } = {
    s3Endpoint: 'http://127.0.0.1:9',
    photoBucket: 'ankang-local-photos',
  },
): Record<string, string> {
  return {
    S3_ENDPOINT: storage.s3Endpoint,
    PHOTO_BUCKET: storage.photoBucket,
    STAGE: 'local',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    WECHAT_API_BASE: wechatApiBase,
    WECHAT_APPID: 'wx-test-appid',
    WECHAT_SECRET: 'test-wechat-secret',
    WECHAT_TEMPLATE_ASSIGNMENT: 'test-template-assignment',
    WECHAT_TEMPLATE_REMINDER: 'test-template-reminder',
    WECHAT_TEMPLATE_ALERT_ASSIGNED: 'test-template-alert-assigned',
    WECHAT_TEMPLATE_ALERT_DUE: 'test-template-alert-due',
    WECHAT_TEMPLATE_SUGGESTION: 'test-template-suggestion',
    JWT_SECRET: 'integration-jwt-secret-0123456789abcdef',
    PSEUDONYM_KEY: 'integration-pseudonym-key-0123456789abcdef',
    COOLING_CODE_KEY: 'integration-cooling-code-key-0123456789abcdef',
    FIELD_MASTER_KEY: 'integration-field-master-key-0123456789abcdef',
    LOOKUP_KEY: 'integration-lookup-key-0123456789abcdef',
    DEV_LOGIN: 'true',
    SEARCH_LIMIT_PER_USER: String(testSearchLimits.perUser),
    SEARCH_LIMIT_PER_IP: String(testSearchLimits.perIp),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // As on the local stage (serverless.yml): no metric lines on stdout, no X-Ray daemon.
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
