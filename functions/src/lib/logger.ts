import { Logger } from '@aws-lambda-powertools/logger';

/** The one logger: JSON lines with the request id appended by the pipeline. */
export const logger = new Logger({ serviceName: 'ankang' });
