import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { setPovertyLine } from '../services/povertyLines';

export const handler = route(contracts.setPovertyLine, ({ caller, input }) =>
  setPovertyLine(caller, input.body),
);
