import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { clearHardshipPolicy } from '../services/hardshipPolicyEdits';

export const handler = route(contracts.clearHardshipPolicy, ({ caller, input }) =>
  clearHardshipPolicy(caller, input.query),
);
