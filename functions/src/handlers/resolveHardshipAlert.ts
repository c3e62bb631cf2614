import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { resolveHardshipAlert } from '../services/hardshipAlertActions';

export const handler = route(contracts.resolveHardshipAlert, ({ caller, input }) =>
  resolveHardshipAlert(caller, input.params.id, input.body),
);
