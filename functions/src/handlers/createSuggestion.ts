import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createSuggestion } from '../services/suggestions';

export const handler = route(contracts.createSuggestion, ({ caller, input }) =>
  createSuggestion(caller, input.body),
);
