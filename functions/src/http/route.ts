import { type Contract, type ContractParsedInput, type ContractResult, errorCatalog } from '@ankang/shared';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '../lib/logger';
import { metrics } from '../lib/metrics';
import { tracer } from '../lib/tracer';
import type { Caller, HttpEvent, HttpResult, PipelineContext, ServiceRequest } from './context';
import { authenticate, bearerToken } from './middleware/authenticate';
import { authorizeOrgScope, authorizeRole } from './middleware/authorize';
import { errorBoundary } from './middleware/errorBoundary';
import { bodyLimit, parseInput } from './middleware/parseInput';
import { errorResponse, json } from './respond';

z.config(z.locales.zhCN());

type CallerOf<C extends Contract> = C['access'] extends 'public' ? null : Caller;

export type Service<C extends Contract> = (
  request: ServiceRequest<ContractParsedInput<C>, CallerOf<C>>,
) => Promise<ContractResult<C>>;

/**
 * A Lambda handler for one contract: error boundary → body size → authenticate → role check →
 * parse input → org-scope check → service → output shaped by the contract's output schema. A
 * handler file is this call and nothing else.
 */
export function route<C extends Contract>(contract: C, service: Service<C>) {
  const pipeline = middy<HttpEvent, HttpResult, Error, PipelineContext>()
    // Outside the error boundary, so the trace and the counts cover every answer, refusals included.
    // Never the response in the trace: an answer may hold what only its reader may see (an
    // unmasked file, a location).
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics))
    .use(errorBoundary())
    .use(bodyLimit(contract))
    .use(authenticate(contract))
    .use(authorizeRole(contract))
    .use(parseInput(contract))
    .use(authorizeOrgScope(contract))
    .handler(async (event, context) => {
      const result = await service({
        input: context.input as ContractParsedInput<C>,
        // authenticate() has set the caller on every non-public route.
        caller: context.caller as CallerOf<C>,
        requestId: context.requestId,
        requester: {
          sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
          bearerToken: bearerToken(event.headers?.authorization),
        },
      });
      // Explicit fields only: the output schema strips whatever the service did not mean to expose.
      const body = contract.output.parse(result);
      return json(contract.successStatus ?? 200, body, context.requestId);
    });

  // The last guard: serverless-offline answers 200 when a handler throws, API Gateway 500.
  const handler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    try {
      return await pipeline(event, context as PipelineContext);
    } catch (error) {
      logger.error('error escaped the pipeline', { error });
      const requestId = event.requestContext?.requestId ?? 'unknown';
      return errorResponse(
        500,
        { code: 'INTERNAL', message: errorCatalog.INTERNAL.message, details: { requestId } },
        requestId,
      );
    }
  };
  // The contract rides along so tests can hold every answer to the codes the route declares.
  return Object.assign(handler, { contract });
}
