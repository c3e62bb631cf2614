import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { acceptInvite } from '../services/inviteAccept';

export const handler = route(contracts.acceptInvite, ({ input, caller }) =>
  acceptInvite(caller, input.body.code),
);
