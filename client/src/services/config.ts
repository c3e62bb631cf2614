/** The API base URL, fixed at build time (`TARO_APP_API_BASE`); no trailing slash. */
export const apiBase = (process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** Response validation costs time on slow phones; it exists to catch contract drift while developing. */
export const validateResponses = process.env.NODE_ENV !== 'production';

/** WeChat's own default is 60 s; a worker on a weak signal should see an error sooner and retry. */
export const requestTimeoutMs = 15_000;
