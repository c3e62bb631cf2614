import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getHardshipFile } from '../services/hardshipFiles';

export const handler = route(contracts.getHardshipFile, ({ caller, input }) =>
  getHardshipFile(caller, input.params.id),
);
