import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { setHardshipPolicy } from '../services/hardshipPolicyEdits';

export const handler = route(contracts.setHardshipPolicy, ({ caller, input }) =>
  setHardshipPolicy(caller, input.body),
);
