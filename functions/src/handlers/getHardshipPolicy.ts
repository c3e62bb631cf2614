import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getHardshipPolicy } from '../services/hardshipPolicies';

export const handler = route(contracts.getHardshipPolicy, ({ caller, input }) =>
  getHardshipPolicy(caller, input.query),
);
