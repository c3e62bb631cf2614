import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger: JSON lines with the request id appended by the pipeline. Every function of a
 * deployed stage logs to one log group (functions/stack/operations.cjs), so each line names its
 * function (`function_name`; absent in tests, which run outside Lambda).
 */
export const logger = new Logger({
  serviceName: 'ankang',
  persistentKeys: { function_name: process.env.AWS_LAMBDA_FUNCTION_NAME },
});
