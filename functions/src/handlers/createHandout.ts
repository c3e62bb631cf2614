import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createHandout } from '../services/handouts';

export const handler = route(contracts.createHandout, ({ caller, input }) =>
  createHandout(caller, input.body),
);
