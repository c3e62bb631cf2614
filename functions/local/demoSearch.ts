import type { Station } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../src/db/keys';
import { stationFromItem } from '../src/db/stationItems';
import { searchEntriesOf } from '../src/db/stationSearchItems';
import { stationPlaceOf } from '../src/lib/places';

/**
 * Gives the demo stations their place codes and search entries, from the records as they stand in
 * the table (a data directory seeded before places existed, or stations edited since, included):
 * the place is derived as the API derives it and set only where missing (conditional on the
 * version read), and the entries are the API's own builder's. Returns how many stations got a place.
 */
export async function seedStationSearch(
  db: DynamoDBDocumentClient,
  tableName: string,
  stationIds: readonly string[],
): Promise<number> {
  const placed = await Promise.all(
    stationIds.map(async (id) => {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.station(id), ConsistentRead: true }),
      );
      if (!Item) return 0;
      let station = stationFromItem(Item);
      let added = 0;
      const place = station.place ?? stationPlaceOf(station);
      if (!station.place && place) {
        added = await setMissingPlace(db, tableName, station, place);
        station = { ...station, place };
      }
      await Promise.all(
        searchEntriesOf(station).map((entry) =>
          db.send(new PutCommand({ TableName: tableName, Item: { ...entry, demo: true } })),
        ),
      );
      return added;
    }),
  );
  return placed.reduce<number>((sum, n) => sum + n, 0);
}

async function setMissingPlace(
  db: DynamoDBDocumentClient,
  tableName: string,
  station: Station,
  place: NonNullable<Station['place']>,
): Promise<number> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.station(station.id),
        UpdateExpression: 'SET #place = :place',
        ConditionExpression: 'attribute_not_exists(#place) AND version = :version',
        ExpressionAttributeNames: { '#place': 'place' },
        ExpressionAttributeValues: { ':place': place, ':version': station.version },
      }),
    );
    return 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0;
    throw error;
  }
}
