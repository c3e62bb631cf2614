import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { acknowledgeHardshipAlert } from '../services/hardshipAlertActions';

export const handler = route(contracts.acknowledgeHardshipAlert, ({ caller, input }) =>
  acknowledgeHardshipAlert(caller, input.params.id, input.body),
);
