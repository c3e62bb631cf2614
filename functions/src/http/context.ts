import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

import type { Caller } from '../services/caller';

export type { Caller };

export interface ParsedRequestInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** The Lambda context, extended by the pipeline as the request moves through it. */
export interface PipelineContext extends Context {
  requestId: string;
  caller: Caller | null;
  input: ParsedRequestInput;
}

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type PipelineRequest = Request<HttpEvent, HttpResult, Error, PipelineContext>;
export type PipelineMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, PipelineContext>;

/** What a service sees of the request: the parsed input and the caller (null on public routes). */
export interface ServiceRequest<Input, TCaller extends Caller | null = Caller | null> {
  input: Input;
  caller: TCaller;
  requestId: string;
  /**
   * Who is asking, for per-caller limits on public routes: the source IP the gateway saw and the
   * bearer token as sent (unverified; null when absent: identifyRequester in http/requester.ts verifies it).
   */
  requester: { sourceIp: string; bearerToken: string | null };
}
