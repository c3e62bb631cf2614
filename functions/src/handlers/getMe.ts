import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getMyProfile } from '../services/me';

export const handler = route(contracts.getMe, ({ caller }) => getMyProfile(caller));
