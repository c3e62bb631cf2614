import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { changeStaffRole } from '../services/staff';

export const handler = route(contracts.setStaffRole, ({ input, caller }) =>
  changeStaffRole(caller, input.body),
);
