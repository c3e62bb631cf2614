import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

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

/** A handler's answer, with the JSON body parsed. */
export async function invoke(
  handler: (
    event: APIGatewayProxyEventV2,
    context: Context,
  ) => Promise<{ statusCode?: number; body?: string }>,
  event: APIGatewayProxyEventV2,
): Promise<{ status: number | undefined; body: unknown }> {
  const result = await handler(event, lambdaContext);
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}
