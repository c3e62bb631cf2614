import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { assignHardshipAlert } from '../services/hardshipAlertActions';

export const handler = route(contracts.assignHardshipAlert, ({ caller, input }) =>
  assignHardshipAlert(caller, input.params.id, input.body),
);
