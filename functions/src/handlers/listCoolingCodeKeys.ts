import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listCoolingCodeKeys } from '../services/coolingCodes';

export const handler = route(contracts.listCoolingCodeKeys, () => listCoolingCodeKeys());
