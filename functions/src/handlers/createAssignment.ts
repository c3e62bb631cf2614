import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createAssignment } from '../services/assignments';

export const handler = route(contracts.createAssignment, ({ caller, input }) =>
  createAssignment(caller, input.body),
);
