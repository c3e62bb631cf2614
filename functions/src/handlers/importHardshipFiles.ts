import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { importHardshipFiles } from '../services/householdImport';

export const handler = route(contracts.importHardshipFiles, ({ caller, input }) =>
  importHardshipFiles(caller, input.body),
);
