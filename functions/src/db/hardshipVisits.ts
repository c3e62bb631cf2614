import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import {
  correctionLinkItem,
  placeOf,
  type VisitClaim,
  type VisitPlace,
  type VisitRecord,
  visitClaimSchema,
  visitClaimToItem,
  visitRecordSchema,
  visitToItem,
} from './hardshipVisitItems';
import { hardshipKeys, hardshipVisitKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** The claim on a visit id, or null. Read consistently: a retry must find what its first try wrote. */
export async function getVisitClaim(visitId: string): Promise<VisitClaim | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipVisitKeys.claim(visitId), ConsistentRead: true }),
  );
  return Item ? visitClaimSchema.parse(Item) : null;
}

/** The visit a claim points to, or null. */
export async function getVisitAt(place: VisitPlace): Promise<VisitRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipVisitKeys.visit(place), ConsistentRead: true }),
  );
  return Item ? visitRecordSchema.parse(Item) : null;
}

/**
 * What a visit does to its file. `advance`: it is the newest visit by date (or ties the newest),
 * so the file's last visit, next due date and latest figures become its own, on the condition that
 * no later-dated visit landed since the file was read. Otherwise the file is only asserted to exist:
 * an older visit entered late never moves the file back.
 */
export function fileAfterVisit(record: VisitRecord, advance: boolean): TransactItem {
  const Key = hardshipKeys.file(record.fileId);
  if (!advance) {
    return { ConditionCheck: { TableName: tableName, Key, ConditionExpression: 'attribute_exists(pk)' } };
  }
  return {
    Update: {
      TableName: tableName,
      Key,
      // The version moves too: an edit based on the file as it was before this visit must not
      // write its older copy of these fields back.
      UpdateExpression:
        'SET lastVisitOn = :on, nextVisitDue = :due, latest = :latest, updatedAt = :at ADD version :one',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(lastVisitOn) OR lastVisitOn <= :on)',
      ExpressionAttributeValues: {
        ':on': record.visitedOn,
        ':due': record.nextVisitDue,
        ':latest': {
          perCapitaMonthlyFen: record.perCapitaMonthlyFen,
          householdSize: record.householdSize,
          visitedOn: record.visitedOn,
        },
        ':at': record.createdAt,
        ':one': 1,
      },
    },
  };
}

/** What became of a visit write. */
export type VisitWriteOutcome =
  | 'saved'
  /** The visit id is taken (a retry, a racing retry, or a reused id): nothing written. */
  | 'claimed'
  /** The file is gone or a later-dated visit changed it since it was read: nothing written. */
  | 'fileChanged';

/** What goes with a visit into its transaction. */
export interface VisitWriteParts {
  /** Where the visit it corrects is stored, when it is a correction. */
  corrected?: VisitPlace | undefined;
  /** fileAfterVisit's item. */
  file: TransactItem;
  /** The file's audit event (auditEventPut). */
  audit: TransactItem;
  /** More items of the same write, after all of the above (the household's monitor). */
  extra?: readonly TransactItem[] | undefined;
}

/**
 * The items of a visit's transaction, claim first: the claim on its id, the visit, what it does to
 * its file, its audit event and (a correction) the link to the visit it corrects. Pure, so the demo
 * seed writes visits exactly as the API does.
 */
export function visitTransaction(record: VisitRecord, parts: VisitWriteParts): TransactItem[] {
  const absent = 'attribute_not_exists(pk)';
  const put = (Item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: tableName, Item, ConditionExpression: absent },
  });
  return [
    put(visitClaimToItem(record)),
    put(visitToItem(record)),
    parts.file,
    parts.audit,
    ...(parts.corrected ? [put(correctionLinkItem(parts.corrected, record))] : []),
    ...(parts.extra ?? []),
  ];
}

/**
 * Stores a visit with its claim, file change, audit event and correction link in one transaction:
 * either all of it is there or none of it. A TransactionConflict is thrown for retryOnConflict;
 * failed conditions are answered as outcomes.
 */
export async function writeVisit(record: VisitRecord, parts: VisitWriteParts): Promise<VisitWriteOutcome> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: visitTransaction(record, parts) }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled?.failed.has(0) || cancelled?.failed.has(1)) return 'claimed';
    if (cancelled?.failed.has(2)) return 'fileChanged';
    throw error;
  }
}

const sortKeyOf = (place: VisitPlace) => hardshipVisitKeys.visit(place).sk;

/** Corrections per page of visits read at most (a visit is corrected once or twice, not hundreds). */
const MAX_CORRECTIONS_READ = 200;

/**
 * Which later visits correct each of the given visits, which must be one contiguous run of a
 * file's visits (a page): their links lie in one key range. Bounded by MAX_CORRECTIONS_READ.
 */
async function correctionsOf(records: readonly VisitRecord[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (records.length === 0) return found;
  const places = records.map(placeOf).sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? -1 : 1));
  const oldest = hardshipVisitKeys.correction(places[0]!, '');
  const newest = hardshipVisitKeys.correction(places[places.length - 1]!, '');
  let startKey: Record<string, unknown> | undefined;
  let read = 0;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': oldest.pk, ':from': oldest.sk, ':to': `${newest.sk}~` },
        ExclusiveStartKey: startKey,
        Limit: MAX_CORRECTIONS_READ - read,
      }),
    );
    for (const item of page.Items ?? []) {
      const list = found.get(String(item.visitId)) ?? [];
      list.push(String(item.correctedBy));
      found.set(String(item.visitId), list);
    }
    read += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey && read < MAX_CORRECTIONS_READ);
  return found;
}

/**
 * One page of a file's visits, newest visit date first (same date: latest written first), with the
 * ids of the visits correcting each. The cursor only opens this file's listing.
 */
export async function listVisitsOfFile(
  fileId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: VisitRecord[]; correctedBy: Map<string, string[]>; nextCursor: string | null }> {
  const partition = hardshipVisitKeys.filePartition(fileId);
  const scope: CursorScope = ['hardshipVisits', partition, hardshipVisitKeys.visitPrefix];
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': hardshipVisitKeys.visitPrefix },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    }),
  );
  const records = (result.Items ?? []).map((item) => visitRecordSchema.parse(item));
  return {
    records,
    correctedBy: await correctionsOf(records),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}
