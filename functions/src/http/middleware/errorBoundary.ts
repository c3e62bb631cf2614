import { errorCatalog } from '@ankang/shared';
import { isDatabaseBusy } from '../../db/busy';
import { AppError } from '../../lib/errors';
import { logger } from '../../lib/logger';
import { countError } from '../../lib/metrics';
import type { PipelineMiddleware } from '../context';
import { errorResponse } from '../respond';

/**
 * Outermost middleware. Names the request for the logs and turns every failure into the error
 * body: AppErrors tell the user what happened; a database that could not take the request now
 * (throttled, unreachable, still conflicting) is 503 SERVICE_BUSY, to be sent again; anything else
 * is logged with its cause and answered with a generic 500 and the request id. Every error answer
 * is counted by its code (metric errorAnswered, lib/metrics.ts).
 */
export function errorBoundary(): PipelineMiddleware {
  return {
    before: (request) => {
      const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId ?? 'unknown';
      request.context.requestId = requestId;
      request.context.caller = null;
      logger.appendKeys({ requestId, route: request.event.routeKey });
    },
    onError: (request) => {
      const requestId = request.context.requestId ?? 'unknown';
      const error = request.error;
      if (error instanceof AppError) {
        if (error.status >= 500) logger.error('request failed', { code: error.code, error });
        else logger.info('request refused', { code: error.code, status: error.status });
        countError(error.code);
        const details = error.status >= 500 ? { requestId } : error.details;
        request.response = errorResponse(
          error.status,
          { code: error.code, message: error.message, ...(details ? { details } : {}) },
          requestId,
        );
        return;
      }
      if (isDatabaseBusy(error)) {
        logger.warn('database busy', { error });
        countError('SERVICE_BUSY');
        request.response = errorResponse(
          503,
          { code: 'SERVICE_BUSY', message: errorCatalog.SERVICE_BUSY.message, details: { requestId } },
          requestId,
        );
        return;
      }
      logger.error('unhandled error', { error });
      countError('INTERNAL');
      request.response = errorResponse(
        500,
        { code: 'INTERNAL', message: errorCatalog.INTERNAL.message, details: { requestId } },
        requestId,
      );
    },
    after: () => {
      logger.removeKeys(['requestId', 'route']);
    },
  };
}
