import type { ErrorBody } from '@ankang/shared';
import type { HttpResult } from './context';

/**
 * Every answer the pipeline gives, success or error, is JSON built here: `nosniff` stops a browser
 * from reading one as HTML or script whatever it contains.
 */
export function json(statusCode: number, body: unknown, requestId: string): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    },
    body: JSON.stringify(body),
  };
}

export function errorResponse(statusCode: number, error: ErrorBody['error'], requestId: string): HttpResult {
  return json(statusCode, { error } satisfies ErrorBody, requestId);
}
