import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listInvites } from '../services/invites';

export const handler = route(contracts.listInvites, ({ input, caller }) =>
  listInvites(caller, input.query.root),
);
