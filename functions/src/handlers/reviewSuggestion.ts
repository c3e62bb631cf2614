import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reviewSuggestion } from '../services/suggestionReview';

export const handler = route(contracts.reviewSuggestion, ({ caller, input }) =>
  reviewSuggestion(caller, input.params.id, input.body),
);
