import { photoIdSchema, requestIdSchema, type SuggestionState, suggestionSchema } from '@ankang/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import type { CursorScope } from './cursor';
import { type IndexPageQuery, indexPage } from './indexPage';
import { indexes, orgSubtreePrefix, suggestionKeys } from './keys';
import { type TransactItem, transactWrite } from './transactions';

/**
 * A suggestion as stored: the view (its photos as ids, not links) plus who sent it (for 我的建议 and
 * the outcome message; never answered to staff) and the hash of what they sent (a retry is told
 * from a reused request id).
 */
export const storedSuggestionSchema = suggestionSchema.omit({ photos: true }).extend({
  suggesterId: z.string(),
  contentHash: z.string(),
  /** Who decided it (staff nickname), for the record. */
  decidedBy: z.string().nullable(),
  /** The photos it claimed, in the suggester's order (none on a suggestion stored before photos). */
  photoIds: z.array(photoIdSchema).default([]),
  /** The request id its photos are owned by (photo owner `suggestion`); absent without photos. */
  photoOwnerId: requestIdSchema.optional(),
});
export type StoredSuggestion = z.infer<typeof storedSuggestionSchema>;

function suggestionItem(suggestion: StoredSuggestion) {
  return {
    ...suggestionKeys.suggestion(suggestion.id),
    ...suggestionKeys.queue(suggestion.state, suggestion.orgPath, suggestion.createdAt, suggestion.id),
    ...suggestionKeys.bySuggester(suggestion.suggesterId, suggestion.createdAt, suggestion.id),
    type: 'StationSuggestion',
    ...suggestion,
  };
}

export async function getSuggestion(id: string): Promise<StoredSuggestion | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: suggestionKeys.suggestion(id), ConsistentRead: true }),
  );
  return Item ? storedSuggestionSchema.parse(Item) : null;
}

/**
 * Stores a new suggestion and counts it towards the sender's daily cap in one transaction, with
 * `claims` (its photos losing their expiry, photoClaims): a retry (the id exists) or a refusal
 * writes and counts nothing; 'photoGone' when a photo expired or went meanwhile.
 */
export function insertSuggestion(
  suggestion: StoredSuggestion,
  quota: TransactItem,
  claims: readonly TransactItem[] = [],
): Promise<'saved' | 'exists' | 'overQuota' | 'photoGone'> {
  return transactWrite(
    [
      {
        Put: {
          TableName: tableName,
          Item: suggestionItem(suggestion),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      quota,
      ...claims,
    ],
    // The suggestion first: a retry's quota may fail only because the first send counted it.
    [[0, 'exists'], [1, 'overQuota'], ...claims.map((_, index) => [2 + index, 'photoGone'] as const)],
  );
}

/**
 * Records staff's decision if the suggestion is still pending at `expectedVersion`; it moves to
 * its state's queue. Returns false when it changed meanwhile (decided, or a newer version).
 */
export async function decideSuggestion(next: StoredSuggestion, expectedVersion: number): Promise<boolean> {
  const outcome = await transactWrite(
    [
      {
        Put: {
          TableName: tableName,
          Item: suggestionItem(next),
          ConditionExpression: 'version = :expected AND #state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':pending': 'pending' },
        },
      },
    ],
    [[0, 'stale']],
  );
  return outcome === 'saved';
}

type Page = { suggestions: StoredSuggestion[]; nextCursor?: string };

/** A page of suggestions from one index partition (and sort-key prefix), with a scoped cursor. */
async function suggestionPage(
  scope: CursorScope,
  query: IndexPageQuery,
  page: { limit: number; cursor?: string },
): Promise<Page> {
  const { items, nextCursor } = await indexPage(scope, query, page);
  return {
    suggestions: items.map((item) => storedSuggestionSchema.parse(item)),
    ...(nextCursor ? { nextCursor } : {}),
  };
}

/**
 * A page of an org subtree's suggestions in one state: by org path, newest first within a node
 * (the index sorts by path then time, so a subtree is one range).
 */
export function listSuggestionsUnderOrg(
  orgPath: string,
  state: SuggestionState,
  page: { limit: number; cursor?: string },
): Promise<Page> {
  return suggestionPage(
    ['suggestionsUnderOrg', suggestionKeys.queuePartition(state, orgPath), orgSubtreePrefix(orgPath)],
    { indexName: indexes.suggestionQueue, keys: 'gsi1', newestFirst: true },
    page,
  );
}

/** A page of one user's suggestions, newest first. */
export function listSuggestionsOf(userId: string, page: { limit: number; cursor?: string }): Promise<Page> {
  return suggestionPage(
    ['suggestionsOf', suggestionKeys.bySuggesterPartition(userId), ''],
    { indexName: indexes.suggestionsBySuggester, keys: 'gsi2', newestFirst: true },
    page,
  );
}
