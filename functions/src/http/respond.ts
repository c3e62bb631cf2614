import type { ErrorBody } from '@ankang/shared';
import type { HttpResult } from './context';

export function json(statusCode: number, body: unknown, requestId: string): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId },
    body: JSON.stringify(body),
  };
}

export function errorResponse(statusCode: number, error: ErrorBody['error'], requestId: string): HttpResult {
  return json(statusCode, { error } satisfies ErrorBody, requestId);
}
