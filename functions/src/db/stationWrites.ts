import type { Station, StationStatus } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { retryOnConflict } from './conflictRetry';
import { keys } from './keys';
import { stationFromItem, stationToItem } from './stationItems';
import { searchEntriesOf } from './stationSearchItems';
import { getStationById } from './stations';
import { type TransactItem, transactWrite } from './transactions';

/** Why a station write was refused. */
export type StationWriteRefusal =
  | 'versionConflict'
  | 'duplicateExternalId'
  | 'notFound'
  /** A record that follows the station (an open problem, a slot) changed since it was read. */
  | 'followersChanged';

export class StationWriteError extends Error {
  constructor(readonly reason: StationWriteRefusal) {
    super(reason);
    this.name = 'StationWriteError';
  }
}

/** The parts of an UpdateItem that write some attributes. */
export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  /** Absent when nothing is SET from a value: DynamoDB refuses an empty map. */
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The one translation of a record into an update: SET for each attribute with a value, REMOVE for
 * each `undefined` one. Never a SET of `undefined`: the document client drops undefined values, so
 * the expression would name a value that is not there (a ValidationException). `setExpressions`
 * are extra SET clauses written with their own placeholders (e.g. `version = version + :one`).
 * Attribute names are placeholders too, so any name (`status`, `name`) is safe.
 */
export function updateParts(fields: Record<string, unknown>, setExpressions: string[] = []): UpdateParts {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = [...setExpressions];
  const removes: string[] = [];
  Object.entries(fields).forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    if (value === undefined) {
      removes.push(`#a${index}`);
    } else {
      values[`:a${index}`] = value;
      sets.push(`#a${index} = :a${index}`);
    }
  });
  const clauses = [
    ...(sets.length ? [`SET ${sets.join(', ')}`] : []),
    ...(removes.length ? [`REMOVE ${removes.join(', ')}`] : []),
  ];
  return {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

/**
 * The writes that turn `previous`'s entries into `next`'s, for the station's own transaction: a
 * Put of every entry `next` has that `previous` had not, or had otherwise (its copy of the fields
 * changed), and a Delete of every one only `previous` had. Either may be null (a new station; none
 * after). An edit of fields no entry holds (phone, 最美 years, the org) writes no entry. Entries as
 * `previous` stands are taken to be stored: its write (or `stations:backfill`) put them.
 */
function searchIndexWrites(next: Station | null, previous: Station | null): TransactItem[] {
  const before = new Map((previous ? searchEntriesOf(previous) : []).map((entry) => [entry.sk, entry]));
  const after = next ? searchEntriesOf(next) : [];
  const kept = new Set(after.map((entry) => entry.sk));
  const puts = after.filter((entry) => JSON.stringify(before.get(entry.sk)) !== JSON.stringify(entry));
  const deletes = [...before.values()].filter((entry) => !kept.has(entry.sk));
  return [
    ...puts.map((Item) => ({ Put: { TableName: tableName, Item } })),
    ...deletes.map((entry) => ({
      Delete: { TableName: tableName, Key: { pk: entry.pk as string, sk: entry.sk as string } },
    })),
  ];
}

interface ExternalIdClaim {
  orgPath: string;
  externalId: string;
}

const claimOf = (station: Station): ExternalIdClaim | undefined =>
  station.externalId ? { orgPath: station.orgPath, externalId: station.externalId } : undefined;

function claimExternalId(claim: ExternalIdClaim, stationId: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.externalId(claim.orgPath, claim.externalId), type: 'ExternalId', ...claim, stationId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Gives up the station's claim; one that is missing is fine, one another station holds is not touched. */
function releaseExternalId(claim: ExternalIdClaim, stationId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.externalId(claim.orgPath, claim.externalId),
      ConditionExpression: 'attribute_not_exists(pk) OR stationId = :id',
      ExpressionAttributeValues: { ':id': stationId },
    },
  };
}

/**
 * Runs a station's transaction; a refusal is thrown as the first that holds of: the station's own
 * condition (item 0), the claim of its external id (item `claimAt`, -1 for none), a record that
 * follows the station (`followers`), any other item's condition (the data moved on: a conflict).
 * A transaction running into another at the same time is tried again (retryOnConflict).
 */
async function writeStation(
  items: TransactItem[],
  stationRefusal: StationWriteRefusal,
  claimAt: number,
  followers: { from: number; to: number } = { from: 0, to: 0 },
): Promise<void> {
  const outcomeAt: [number, StationWriteRefusal][] = [[0, stationRefusal]];
  if (claimAt >= 0) outcomeAt.push([claimAt, 'duplicateExternalId']);
  for (let index = followers.from; index < followers.to; index += 1)
    outcomeAt.push([index, 'followersChanged']);
  for (let index = 1; index < items.length; index += 1) outcomeAt.push([index, 'versionConflict']);
  const outcome = await retryOnConflict(() => transactWrite(items, outcomeAt));
  if (outcome !== 'saved') throw new StationWriteError(outcome);
}

/** Stores a new station, claiming its external id within its org in the same transaction. */
export async function insertStation(station: Station): Promise<Station> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: stationToItem(station),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  const claim = claimOf(station);
  if (claim) items.push(claimExternalId(claim, station.id));
  // Its search entries land with it: a station is never found before it exists, nor missed after.
  items.push(...searchIndexWrites(station, null));
  await writeStation(items, 'versionConflict', claim ? 1 : -1);
  return station;
}

/**
 * Attributes an edit never writes: the keys, what verification and the counters own (ratings and
 * open reports are only ever changed by ADD), and the gallery, which has its own version
 * (db/photoGallery.ts): an edit read before a gallery save must not put the old photos back.
 */
const keptOnEdit = new Set([
  'pk',
  'sk',
  'createdAt',
  'lastVerifiedAt',
  'lastVerifiedBy',
  'ratingCount',
  'ratingSum',
  'stars1',
  'stars2',
  'stars3',
  'stars4',
  'stars5',
  'openReports',
  'photos',
  'photosVersion',
]);

/**
 * The attributes that turn `previous`'s stored item into `next`'s: every attribute of `next`, and
 * `undefined` (a REMOVE) for each one `previous` has and `next` has not.
 */
function changedAttributes(next: Station, previous: Station): Record<string, unknown> {
  const nextItem = stationToItem(next);
  const fields: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(stationToItem(previous)), ...Object.keys(nextItem)])) {
    if (!keptOnEdit.has(name)) fields[name] = nextItem[name];
  }
  return fields;
}

/**
 * Replaces a station's record with `next` if it is still at `expectedVersion` (409 otherwise): a
 * field `next` lacks is removed. When the external id or the org changed, the claim on the id moves
 * (the old one released, the new one taken) in the same transaction. `extraItems` join that
 * transaction (e.g. records that follow the station to its new org); their conditions failing is
 * `followersChanged` (the caller reads them again). Rating counters and open-report counts are kept.
 */
export async function replaceStation(
  next: Station,
  previous: Station,
  expectedVersion: number,
  extraItems: TransactItem[] = [],
): Promise<Station> {
  const update = updateParts(changedAttributes(next, previous));
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.station(next.id),
        ...update,
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':expected': expectedVersion },
      },
    },
  ];
  const [before, after] = [claimOf(previous), claimOf(next)];
  const claimAt = items.length;
  if (before?.orgPath !== after?.orgPath || before?.externalId !== after?.externalId) {
    if (after) items.push(claimExternalId(after, next.id));
    if (before) items.push(releaseExternalId(before, next.id));
  }
  const followers = { from: items.length, to: items.length + extraItems.length };
  items.push(...extraItems);
  // The search entries follow a rename, a move or a new place in the same transaction.
  items.push(...searchIndexWrites(next, previous));
  await writeStation(items, 'versionConflict', after ? claimAt : -1, followers);
  return {
    ...next,
    rating: previous.rating,
    openReports: previous.openReports,
    lastVerifiedAt: previous.lastVerifiedAt,
    lastVerifiedBy: previous.lastVerifiedBy,
  };
}

/**
 * Sets the station's status if it is still at `expectedVersion`, and its search entries with it in
 * one transaction: a closed station leaves the search, a reopened one comes back, a paused one
 * stays with its new status (the 营业中 filter reads it). `read` is the record the caller already
 * read (the service's scope check), so the station is read once; without it, it is read here. The
 * entries come from that read, and the version condition makes sure it is still the record: a
 * failed condition is a version conflict, a TransactionConflict alone is tried again.
 */
export async function updateStationStatus(
  id: string,
  status: StationStatus,
  expectedVersion: number,
  at: Date,
  read?: Station,
): Promise<Station> {
  // A read at another version may be a stale (eventually consistent) one: read it again, consistently.
  const previous = read?.version === expectedVersion ? read : await getStationById(id, { consistent: true });
  if (!previous || previous.version !== expectedVersion) throw new StationWriteError('versionConflict');
  const next: Station = { ...previous, status, updatedAt: at.toISOString(), version: expectedVersion + 1 };
  const update = updateParts({ status, updatedAt: next.updatedAt }, ['version = version + :one']);
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.station(id),
        ...update,
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeValues: {
          ...update.ExpressionAttributeValues,
          ':one': 1,
          ':expected': expectedVersion,
        },
      },
    },
    ...searchIndexWrites(next, previous),
  ];
  await writeStation(items, 'versionConflict', -1);
  return next;
}

/**
 * Records that staff checked the station's data today. Not versioned: it touches no field an edit
 * writes, so it can never overwrite one.
 */
export async function markStationVerified(id: string, by: string, at: Date): Promise<Station> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.station(id),
        ...updateParts({ lastVerifiedAt: at.toISOString(), lastVerifiedBy: by }),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stationFromItem(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StationWriteError('notFound');
    throw error;
  }
}
