import { type Contract, declaredErrors } from '@ankang/shared';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { expect } from 'vitest';

let counter = 0;

/** An API Gateway HTTP API (payload 2.0) event, as a handler receives it. */
export function httpEvent(
  request: {
    method?: string;
    path?: string;
    token?: string;
    body?: unknown;
    rawBody?: string;
    query?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2 {
  const method = request.method ?? 'GET';
  const path = request.path ?? '/';
  counter += 1;
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: {
      'content-type': 'application/json',
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    },
    queryStringParameters: request.query,
    pathParameters: request.params,
    body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: `req-${counter}`,
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
}

export const lambdaContext = {
  awsRequestId: 'aws-req',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

type Handler = ((
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<{ statusCode?: number; body?: string }>) & { contract?: Contract };

/**
 * Fails the test when a route answers an error code its contract does not declare (a 5xx never is):
 * `Contract.errors` is what the client branches on, so it must stay true.
 */
export function expectDeclaredError(contract: Contract, status: number | undefined, body: unknown): void {
  if (status === undefined || status < 400) return;
  const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
  expect(
    declaredErrors(contract).has(code as never),
    `${contract.name} answered ${status} ${code}, which its contract does not declare`,
  ).toBe(true);
}

/** A handler's answer, with the JSON body parsed; the error code is checked against the contract. */
export async function invoke(
  handler: Handler,
  event: APIGatewayProxyEventV2,
): Promise<{ status: number | undefined; body: unknown }> {
  const result = await handler(event, lambdaContext);
  const body = result.body ? JSON.parse(result.body) : undefined;
  if (handler.contract) expectDeclaredError(handler.contract, result.statusCode, body);
  return { status: result.statusCode, body };
}
