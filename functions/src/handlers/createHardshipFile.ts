import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createHardshipFile } from '../services/hardshipFiles';

export const handler = route(contracts.createHardshipFile, ({ caller, input }) =>
  createHardshipFile(caller, input.body),
);
