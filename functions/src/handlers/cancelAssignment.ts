import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { cancelAssignment } from '../services/assignmentMoves';

export const handler = route(contracts.cancelAssignment, ({ caller, input }) =>
  cancelAssignment(caller, input.params.id, input.body),
);
