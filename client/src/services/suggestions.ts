import {
  type ContractCallInput,
  type ContractOutput,
  createSuggestion,
  listMySuggestions,
  listSuggestions,
  reviewSuggestion,
  type Suggestion,
  type SuggestionState,
} from '@ankang/shared';
import { call } from './api';
import { reasonRule } from './reasonRule';

/** The pages of 建议新增驿站 (the `suggest` subpackage) and the staff review queue. */
export const suggestRoutes = {
  /** The worker's form: name, place on the map, what it offers. */
  new: '/suggest/pages/new/index',
  /** 我的建议: the worker's suggestions and how staff decided. */
  mine: '/suggest/pages/mine/index',
  /** 驿站建议审核 (staff). */
  queue: '/staff/pages/suggestions/index',
} as const;

/** `requestId` is made once per content (see useSuggestionForm), so a retried send is stored once. */
export type SuggestionInput = ContractCallInput<typeof createSuggestion>['body'];

export function sendSuggestion(body: SuggestionInput): Promise<ContractOutput<typeof createSuggestion>> {
  return call(createSuggestion, { body });
}

export async function fetchMySuggestions(cursor?: string) {
  const page = await call(listMySuggestions, { query: { cursor } });
  return { items: page.suggestions, nextCursor: page.nextCursor };
}

export async function fetchSuggestionQueue(state: SuggestionState, cursor?: string) {
  const page = await call(listSuggestions, { query: { state, cursor } });
  return { items: page.suggestions, nextCursor: page.nextCursor };
}

export type SuggestionDecision = { decision: 'approve' } | { decision: 'decline'; reason: string };

/** 不予采纳's reason, checked with the route's own rule (the worker reads it). */
export const checkSuggestionDeclineReason = reasonRule(
  reviewSuggestion.body,
  (reason) => ({ version: 1, decision: 'decline', reason }),
  '请填写不予采纳的理由',
);

/** Decides with the version that was loaded; someone else's decision first answers 409. */
export async function decideSuggestion(suggestion: Suggestion, decision: SuggestionDecision) {
  const { suggestion: decided } = await call(reviewSuggestion, {
    params: { id: suggestion.id },
    body: { version: suggestion.version, ...decision },
  });
  return decided;
}
