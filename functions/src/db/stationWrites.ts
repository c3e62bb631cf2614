import type { Station, StationStatus } from '@ankang/shared';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import { stationFromItem, stationToItem } from './stationItems';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why a station write was refused. */
export type StationWriteRefusal = 'versionConflict' | 'duplicateExternalId' | 'notFound';

export class StationWriteError extends Error {
  constructor(readonly reason: StationWriteRefusal) {
    super(reason);
    this.name = 'StationWriteError';
  }
}

function claimExternalId(externalId: string, stationId: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.externalId(externalId), type: 'ExternalId', externalId, stationId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function releaseExternalId(externalId: string, stationId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.externalId(externalId),
      ConditionExpression: 'stationId = :id',
      ExpressionAttributeValues: { ':id': stationId },
    },
  };
}

/** Maps a cancelled transaction to the refusal: the first item is the station, later ones id claims. */
function refusalOf(error: unknown, stationRefusal: StationWriteRefusal): never {
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new StationWriteError(stationRefusal);
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed'))
      throw new StationWriteError('duplicateExternalId');
  }
  throw error;
}

/** Stores a new station, claiming its external id in the same transaction. */
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
  if (station.externalId) items.push(claimExternalId(station.externalId, station.id));
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    refusalOf(error, 'versionConflict');
  }
  return station;
}

/** Optional draft fields: absent in an edit means cleared. */
const optionalFields = ['externalId', 'phone'] as const;

/** Fields an edit never writes: keys, and what verification and counters own. */
const keptOnEdit = new Set(['pk', 'sk', 'createdAt', 'lastVerifiedAt', 'lastVerifiedBy']);

/**
 * Replaces a station's record if it is still at `expectedVersion` (409 otherwise), moving its
 * external-id claim when the id changed. Rating counters and open-report counts are kept: they are
 * only ever changed by ADD, never by an edit.
 */
export async function replaceStation(
  next: Station,
  previous: Station,
  expectedVersion: number,
): Promise<Station> {
  const { ratingCount, ratingSum, stars1, stars2, stars3, stars4, stars5, openReports, ...fields } =
    stationToItem(next);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': expectedVersion };
  const sets = Object.entries(fields)
    .filter(([key]) => !keptOnEdit.has(key))
    .map(([key, value], index) => {
      names[`#f${index}`] = key;
      values[`:f${index}`] = value;
      return `#f${index} = :f${index}`;
    });
  // An optional field the draft dropped must be removed, not left as it was.
  const dropped = optionalFields.filter(
    (field) => previous[field] !== undefined && next[field] === undefined,
  );
  const removals = dropped.length ? ` REMOVE ${dropped.join(', ')}` : '';
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.station(next.id),
        UpdateExpression: `SET ${sets.join(', ')}${removals}`,
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];
  if (next.externalId !== previous.externalId) {
    if (next.externalId) items.push(claimExternalId(next.externalId, next.id));
    if (previous.externalId) items.push(releaseExternalId(previous.externalId, next.id));
  }
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    refusalOf(error, 'versionConflict');
  }
  return {
    ...next,
    rating: previous.rating,
    openReports: previous.openReports,
    lastVerifiedAt: previous.lastVerifiedAt,
    lastVerifiedBy: previous.lastVerifiedBy,
  };
}

/** Sets the station's status if it is still at `expectedVersion`. */
export async function updateStationStatus(
  id: string,
  status: StationStatus,
  expectedVersion: number,
  at: Date,
): Promise<Station> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.station(id),
        UpdateExpression: 'SET #status = :status, updatedAt = :now, version = version + :one',
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':now': at.toISOString(),
          ':one': 1,
          ':expected': expectedVersion,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stationFromItem(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StationWriteError('versionConflict');
    throw error;
  }
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
        UpdateExpression: 'SET lastVerifiedAt = :now, lastVerifiedBy = :by',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': at.toISOString(), ':by': by },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stationFromItem(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StationWriteError('notFound');
    throw error;
  }
}
