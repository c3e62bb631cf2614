import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listDistricts } from '../services/stations';

export const handler = route(contracts.listDistricts, () => listDistricts());
