import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { startHardshipAlert } from '../services/hardshipAlertActions';

export const handler = route(contracts.startHardshipAlert, ({ caller, input }) =>
  startHardshipAlert(caller, input.params.id, input.body),
);
