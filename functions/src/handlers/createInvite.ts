import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createInvite } from '../services/invites';

export const handler = route(contracts.createInvite, ({ input, caller }) => createInvite(caller, input.body));
