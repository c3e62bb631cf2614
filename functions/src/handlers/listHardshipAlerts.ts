import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listHardshipAlerts } from '../services/hardshipAlertLists';

export const handler = route(contracts.listHardshipAlerts, ({ caller, input }) =>
  listHardshipAlerts(caller, input.query),
);
