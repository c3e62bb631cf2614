import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { respondToAssignment } from '../services/assignmentMoves';

export const handler = route(contracts.respondToAssignment, ({ caller, input }) =>
  respondToAssignment(caller, input.params.id, input.body),
);
