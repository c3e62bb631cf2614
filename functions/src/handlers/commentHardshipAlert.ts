import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { commentHardshipAlert } from '../services/hardshipAlertComments';

export const handler = route(contracts.commentHardshipAlert, ({ caller, input }) =>
  commentHardshipAlert(caller, input.params.id, input.body),
);
