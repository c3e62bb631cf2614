import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { revealHardshipFile } from '../services/hardshipReveal';

export const handler = route(contracts.revealHardshipFile, ({ caller, input }) =>
  revealHardshipFile(caller, input.params.id, input.body),
);
