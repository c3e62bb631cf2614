import { defineContract, openToAll } from '@ankang/shared';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { isDatabaseBusy } from '../../functions/src/db/busy';
import { route } from '../../functions/src/http/route';
import { logger } from '../../functions/src/lib/logger';
import { httpEvent, invoke, lambdaContext } from '../support/events';
import { serviceBusyAnswer } from '../support/serviceBusy';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const named = (name: string, status?: number) =>
  Object.assign(new Error(name), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
const network = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });

describe('isDatabaseBusy: a failure to send again later (503), or an answer / a bug (not busy)', () => {
  it.each([
    ['throttled', named('ThrottlingException', 400)],
    ['over provisioned throughput', named('ProvisionedThroughputExceededException', 400)],
    ['over the account’s request limit', named('RequestLimitExceeded', 400)],
    ['a transaction still colliding', cancelled('None', 'TransactionConflict')],
    ['a transaction throttled', cancelled('None', 'ThrottlingError')],
    ['a transaction over its throughput', cancelled('ProvisionedThroughputExceeded', 'None')],
    ['a transaction throttled and colliding', cancelled('ThrottlingError', 'TransactionConflict')],
    ['S3’s own 503', named('SlowDown', 503)],
    ['a single write colliding with a transaction', named('TransactionConflictException', 400)],
    ['AWS’s own 500', named('InternalServerError', 500)],
    ['any 5xx from AWS', named('SomethingNew', 503)],
    ['no connection', network('ECONNREFUSED')],
    ['a connection lost', network('ECONNRESET')],
    ['a name lookup failing for now (an overloaded resolver)', network('EAI_AGAIN')],
    ['a timeout', named('TimeoutError')],
  ])('%s is busy', (_case, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    ['a failed condition', cancelled('ConditionalCheckFailed', 'None')],
    ['a condition failed beside a conflict', cancelled('ConditionalCheckFailed', 'TransactionConflict')],
    ['a condition failed beside throttling', cancelled('ThrottlingError', 'ConditionalCheckFailed')],
    ['a transaction refused as invalid', cancelled('ValidationError', 'None')],
    ['a transaction cancelled with no reason given', cancelled('None')],
    // A name that does not resolve is a wrong endpoint: a misconfiguration to alarm on, not load.
    ['an endpoint that does not resolve', network('ENOTFOUND')],
    [
      'a single failed condition',
      new ConditionalCheckFailedException({ message: 'no', $metadata: { httpStatusCode: 400 } }),
    ],
    ['a bad request', named('ValidationException', 400)],
    ['a bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s is not', (_case, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
  });
});

describe('Pipeline: a busy database is 503 and a warning; a wrong endpoint is 500 and an error', () => {
  const contract = defineContract({
    name: 'busyProbe',
    summary: 'test route',
    method: 'GET',
    path: '/probe',
    access: 'public',
    authz: openToAll,
    output: z.object({}),
    errors: [],
  });
  let failure: unknown;
  const handler = route(contract, async () => {
    throw failure;
  });
  const call = () => invoke(handler, httpEvent({ method: 'GET', path: '/probe' }));
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['throttled', named('ThrottlingException', 400)],
    ['a transaction throttled', cancelled('ThrottlingError', 'None')],
    ['no connection', network('ECONNREFUSED')],
  ])('%s: 503 SERVICE_BUSY, logged at warn', async (_case, error) => {
    failure = error;
    const warn = vi.spyOn(logger, 'warn');
    const logged = vi.spyOn(logger, 'error');
    const answer = await call();
    expect(answer).toStrictEqual(serviceBusyAnswer(expect.any(String)));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(logged).not.toHaveBeenCalled();
  });

  it('an endpoint that does not resolve: 500 INTERNAL, logged at error', async () => {
    failure = network('ENOTFOUND');
    const warn = vi.spyOn(logger, 'warn');
    const logged = vi.spyOn(logger, 'error');
    // Not through invoke: it refuses any undeclared code, and a 500 is never declared.
    const result = await handler(httpEvent({ method: 'GET', path: '/probe' }), lambdaContext);
    expect({ status: result.statusCode, body: JSON.parse(result.body ?? '') }).toStrictEqual({
      status: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: '服务器开小差了，请稍后再试',
          details: { requestId: expect.any(String) },
        },
      },
    });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(warn).not.toHaveBeenCalled();
  });
});
