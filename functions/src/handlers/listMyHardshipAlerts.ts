import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyHardshipAlerts } from '../services/hardshipAlertLists';

export const handler = route(contracts.listMyHardshipAlerts, ({ caller, input }) =>
  listMyHardshipAlerts(caller, input.query),
);
