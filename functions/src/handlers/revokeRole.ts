import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { revokeRole } from '../services/roleHolders';

export const handler = route(contracts.revokeRole, ({ input, caller }) => revokeRole(caller, input.body));
