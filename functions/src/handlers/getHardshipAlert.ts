import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getHardshipAlert } from '../services/hardshipAlertViews';

export const handler = route(contracts.getHardshipAlert, ({ caller, input }) =>
  getHardshipAlert(caller, input.params.id),
);
