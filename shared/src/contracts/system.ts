import { z } from 'zod';
import { openToAll } from './authz';
import { defineContract } from './define';

export const health = defineContract({
  name: 'health',
  summary: '服务健康检查',
  method: 'GET',
  path: '/health',
  access: 'public',
  authz: openToAll,
  output: z.object({
    status: z.literal('ok'),
    stage: z.string(),
    /** Whether the development login exists on this API (local stage only). */
    devLogin: z.boolean(),
    time: z.string(),
  }),
  errors: [],
});
