import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listHardshipAlertAssignees } from '../services/hardshipAlertAssignees';

export const handler = route(contracts.listHardshipAlertAssignees, ({ caller, input }) =>
  listHardshipAlertAssignees(caller, input.params.id),
);
