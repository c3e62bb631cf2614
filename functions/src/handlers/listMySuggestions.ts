import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMySuggestions } from '../services/suggestions';

export const handler = route(contracts.listMySuggestions, ({ caller, input }) =>
  listMySuggestions(caller, input.query),
);
