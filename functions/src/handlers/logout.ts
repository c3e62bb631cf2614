import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { signOut } from '../services/auth';

export const handler = route(contracts.logout, ({ caller }) => signOut(caller));
