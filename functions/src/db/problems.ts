import {
  orgPathChain,
  type ReportKind,
  type ReportState,
  reportKindSchema,
  requestIdSchema,
  stationProblemSchema,
} from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { indexes, keys, PROBLEM_QUEUE_DEPTHS, problemKeys } from './keys';
import type { TransactItem } from './transactions';

/** A problem as stored: its latest reports also name their photos' owner (the report's requestId). */
export const storedProblemSchema = stationProblemSchema.extend({
  recent: z.array(
    stationProblemSchema.shape.recent.element.extend({ photoOwnerId: requestIdSchema.optional() }),
  ),
});
export type StoredProblem = z.infer<typeof storedProblemSchema>;

/** The whole item: record, and the queue keys of every level above it (absent levels left out). */
export function problemItem(problem: StoredProblem): Record<string, unknown> {
  const queue = problemKeys.queue(
    problem.state,
    problem.kind,
    problem.orgPath,
    problem.lastReportedAt,
    problem.id,
  );
  const present = Object.fromEntries(Object.entries(queue).filter(([, value]) => value !== null));
  return { ...problemKeys.problem(problem.id), ...present, type: 'StationProblem', ...problem };
}

/** Puts a new problem; fails when one with its id exists. */
export function putNewProblem(problem: StoredProblem): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: problemItem(problem),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Replaces a problem read at `expectedVersion` with `next` (its queue keys recomputed: a Put drops
 * the levels the new org path lacks); fails if it changed meanwhile.
 */
export function replaceProblem(next: StoredProblem, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: problemItem(next),
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
  };
}

export async function getProblem(id: string): Promise<StoredProblem | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: problemKeys.problem(id), ConsistentRead: true }),
  );
  return Item ? storedProblemSchema.parse(Item) : null;
}

/** The problems with these ids that exist (any order); callers bound the count. */
export async function getProblems(ids: readonly string[]): Promise<StoredProblem[]> {
  if (ids.length === 0) return [];
  const items = await getItems(ids.map((id) => problemKeys.problem(id)));
  return items.map((item) => storedProblemSchema.parse(item));
}

const openSlotSchema = z.object({ kind: z.string(), problemId: z.string() });

/** The id of the station's open problem of `kind`, if any. */
export async function getOpenProblemId(stationId: string, kind: ReportKind): Promise<string | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: problemKeys.openSlot(stationId, kind),
      ConsistentRead: true,
    }),
  );
  return Item ? openSlotSchema.parse(Item).problemId : null;
}

/** A station's open slot of one kind: which problem it names. */
export interface OpenSlot {
  kind: ReportKind;
  problemId: string;
}

/**
 * Every open slot of a station: one small range of its partition (at most one slot per kind of
 * problem, so six items).
 */
export async function listOpenSlots(stationId: string): Promise<OpenSlot[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.station(stationId).pk, ':prefix': problemKeys.openSlotPrefix },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((item) => {
    const slot = openSlotSchema.parse(item);
    return { kind: reportKindSchema.parse(slot.kind), problemId: slot.problemId };
  });
}

/**
 * One check per kind of problem that the station's slot is still as `read` had it (naming the same
 * problem, or absent): a write that carries the station's problems with it (a move) then fails
 * instead of missing one that a first report opened after the read.
 */
export function openSlotsUnchanged(stationId: string, read: readonly OpenSlot[]): TransactItem[] {
  return reportKindSchema.options.map((kind) => {
    const slot = read.find((entry) => entry.kind === kind);
    return {
      ConditionCheck: {
        TableName: tableName,
        Key: problemKeys.openSlot(stationId, kind),
        ...(slot
          ? {
              ConditionExpression: 'problemId = :id',
              ExpressionAttributeValues: { ':id': slot.problemId },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
  });
}

/**
 * Claims the station's open slot of the problem's kind for it. `staleId` names a problem the slot
 * may still point at although it is resolved (left by an interrupted write), which it replaces.
 */
export function claimOpenSlot(problem: StoredProblem, staleId: string | null): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...problemKeys.openSlot(problem.stationId, problem.kind),
        type: 'OpenProblemSlot',
        kind: problem.kind,
        problemId: problem.id,
        version: 1,
        updatedAt: problem.openedAt,
      },
      ConditionExpression:
        staleId === null ? 'attribute_not_exists(pk)' : 'attribute_not_exists(pk) OR problemId = :stale',
      ...(staleId === null ? {} : { ExpressionAttributeValues: { ':stale': staleId } }),
    },
  };
}

/** Frees the slot when its problem is resolved (if it still names that problem). */
export function releaseOpenSlot(problem: StoredProblem): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: problemKeys.openSlot(problem.stationId, problem.kind),
      ConditionExpression: 'attribute_not_exists(pk) OR problemId = :id',
      ExpressionAttributeValues: { ':id': problem.id },
    },
  };
}

/** A page of a queue: problems newest report first, and the sort key to continue after. */
export interface ProblemQueuePage {
  problems: StoredProblem[];
  /** The sort key of the last problem given, when more may follow. */
  after?: string;
}

/**
 * One page of the problems of `orgPath`'s subtree in one state, newest report first, of the given
 * kinds. Each kind is one partition of the index of `orgPath`'s level, read from `after` on: a
 * query per kind (at most six), merged. Never a filter: the level's index holds exactly the subtree.
 */
export async function listProblemQueue(
  orgPath: string,
  state: ReportState,
  kinds: readonly ReportKind[],
  page: { limit: number; after?: string },
): Promise<ProblemQueuePage> {
  const depth = orgPathChain(orgPath).length;
  // No station sits deeper than the indexed levels (stationOrgPathSchema): such a node has none.
  if (depth > PROBLEM_QUEUE_DEPTHS) return { problems: [] };
  const index = indexes.problemQueueByDepth[depth - 1]!;
  const pages = await Promise.all(
    kinds.map((kind) =>
      db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk${page.after ? ` AND ${index}sk < :after` : ''}`,
          ExpressionAttributeValues: {
            ':pk': problemKeys.queuePartition(state, kind, orgPath),
            ...(page.after ? { ':after': page.after } : {}),
          },
          ScanIndexForward: false,
          Limit: page.limit,
        }),
      ),
    ),
  );
  const entries = pages
    .flatMap((result) => (result.Items ?? []).map((item) => ({ sk: String(item[`${index}sk`]), item })))
    .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
  const taken = entries.slice(0, page.limit);
  const more = entries.length > page.limit || pages.some((result) => result.LastEvaluatedKey);
  return {
    problems: taken.map(({ item }) => storedProblemSchema.parse(item)),
    ...(more && taken.length > 0 ? { after: taken[taken.length - 1]!.sk } : {}),
  };
}
