import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reassignAssignment } from '../services/assignmentMoves';

export const handler = route(contracts.reassignAssignment, ({ caller, input }) =>
  reassignAssignment(caller, input.params.id, input.body),
);
