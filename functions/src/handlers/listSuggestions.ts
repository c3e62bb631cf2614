import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listSuggestions } from '../services/suggestions';

export const handler = route(contracts.listSuggestions, ({ caller, input }) =>
  listSuggestions(caller, input.query),
);
