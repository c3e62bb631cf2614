import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getCoolingCode } from '../services/coolingCodes';

export const handler = route(contracts.getCoolingCode, ({ caller }) => getCoolingCode(caller));
