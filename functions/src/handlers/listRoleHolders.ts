import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listRoleHolders } from '../services/roleHolders';

export const handler = route(contracts.listRoleHolders, ({ input, caller }) =>
  listRoleHolders(caller, input.query.root),
);
