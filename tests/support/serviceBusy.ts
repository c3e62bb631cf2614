/**
 * The whole answer a request gets when the database could not take it just now: 503 SERVICE_BUSY,
 * its message written out apart from the catalog, and the request id to quote.
 */
export const serviceBusyAnswer = (requestId: unknown) => ({
  status: 503,
  body: { error: { code: 'SERVICE_BUSY', message: '服务繁忙，请稍后再试', details: { requestId } } },
});
