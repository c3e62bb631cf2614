import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listEscalatedHardshipAlerts } from '../services/hardshipAlertLists';

export const handler = route(contracts.listEscalatedHardshipAlerts, ({ caller, input }) =>
  listEscalatedHardshipAlerts(caller, input.query),
);
