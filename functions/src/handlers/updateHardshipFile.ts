import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateHardshipFile } from '../services/hardshipFiles';

export const handler = route(contracts.updateHardshipFile, ({ caller, input }) =>
  updateHardshipFile(caller, input.params.id, input.body),
);
