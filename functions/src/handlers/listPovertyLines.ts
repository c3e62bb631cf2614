import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listPovertyLines } from '../services/povertyLines';

export const handler = route(contracts.listPovertyLines, ({ caller, input }) =>
  listPovertyLines(caller, input.query),
);
