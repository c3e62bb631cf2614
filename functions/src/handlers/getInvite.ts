import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { previewInvite } from '../services/invites';

export const handler = route(contracts.getInvite, ({ input }) => previewInvite(input.body.code));
