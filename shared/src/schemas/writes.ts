import { z } from 'zod';

/**
 * A client-made id, once per new write (a sign-up, a campaign, a report, a consent): a retry sends
 * the same id, and the server answers it with the first result instead of writing again.
 */
export const requestIdSchema = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/, '请求编号格式不正确');

/** The version an edit was based on: a stale one is refused with 409 and the current version. */
export const expectedVersionSchema = z.number().int().min(1, '缺少版本号');
