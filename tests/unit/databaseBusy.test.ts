import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy } from '../../functions/src/db/busy';

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
    ['a single write colliding with a transaction', named('TransactionConflictException', 400)],
    ['AWS’s own 500', named('InternalServerError', 500)],
    ['any 5xx from AWS', named('SomethingNew', 503)],
    ['no connection', network('ECONNREFUSED')],
    ['a connection lost', network('ECONNRESET')],
    ['a timeout', named('TimeoutError')],
  ])('%s is busy', (_case, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    ['a failed condition', cancelled('ConditionalCheckFailed', 'None')],
    ['a condition failed beside a conflict', cancelled('ConditionalCheckFailed', 'TransactionConflict')],
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
