import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listHardshipFiles } from '../services/hardshipFiles';

export const handler = route(contracts.listHardshipFiles, ({ caller, input }) =>
  listHardshipFiles(caller, input.query),
);
