import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { revokeInvite } from '../services/invites';

export const handler = route(contracts.revokeInvite, ({ input, caller }) =>
  revokeInvite(caller, input.params.id),
);
