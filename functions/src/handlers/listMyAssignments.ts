import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyAssignments } from '../services/assignmentLists';

export const handler = route(contracts.listMyAssignments, ({ caller }) => listMyAssignments(caller));
