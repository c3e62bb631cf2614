import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { loginAsDemoUser } from '../services/auth';

export const handler = route(contracts.devLogin, ({ input }) => loginAsDemoUser(input.body.userId));
