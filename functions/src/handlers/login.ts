import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { loginWithWechatCode } from '../services/auth';

export const handler = route(contracts.login, ({ input }) => loginWithWechatCode(input.body.code));
