import { type Contract, DEFAULT_MAX_BODY_BYTES, type FieldIssue } from '@ankang/shared';
import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { HttpEvent, PipelineMiddleware } from '../context';

/** The body's size in bytes as sent (a base64 body: its decoded bytes), without decoding it. */
function bodyBytes(event: HttpEvent): number {
  if (!event.body) return 0;
  return Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * Refuses a body larger than the route takes (contract.maxBodyBytes, else DEFAULT_MAX_BODY_BYTES)
 * with 413 PAYLOAD_TOO_LARGE, before anything reads it: no token check, JSON parse or schema runs on
 * a megabyte sent to a form's route. Right after the error boundary (route()).
 */
export function bodyLimit(contract: Contract): PipelineMiddleware {
  const max = contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    before: (request) => {
      if (bodyBytes(request.event) > max) {
        throw new AppError('PAYLOAD_TOO_LARGE', {
          message: `提交的内容过大（最大 ${Math.floor(max / 1024)} KB），请精简后重试`,
        });
      }
    },
  };
}

function readBody(event: HttpEvent): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AppError('MALFORMED_JSON', { cause });
  }
}

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  part: string,
  issues: FieldIssue[],
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ path: [part, ...issue.path.map(String)].join('.'), message: issue.message });
  }
  return undefined;
}

/**
 * Parses path, query and body with the contract's schemas, once, at the edge. Services receive
 * parsed values; a failure is a 400 listing every field issue.
 */
export function parseInput(contract: Contract): PipelineMiddleware {
  return {
    before: (request) => {
      const { event } = request;
      const issues: FieldIssue[] = [];
      const input = {
        params: parsePart(contract.params, event.pathParameters ?? {}, 'params', issues),
        query: parsePart(contract.query, event.queryStringParameters ?? {}, 'query', issues),
        body: parsePart(contract.body, contract.body ? (readBody(event) ?? {}) : undefined, 'body', issues),
      };
      if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { details: { issues } });
      request.context.input = input;
    },
  };
}
