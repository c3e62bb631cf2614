import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listAssignments } from '../services/assignmentLists';

export const handler = route(contracts.listAssignments, ({ caller, input }) =>
  listAssignments(caller, input.params.id, input.query),
);
