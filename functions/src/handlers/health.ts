import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { checkHealth } from '../services/health';

export const handler = route(contracts.health, () => checkHealth());
