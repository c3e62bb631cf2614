import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listDevAccounts } from '../services/auth';

export const handler = route(contracts.listDevAccounts, () => listDevAccounts());
