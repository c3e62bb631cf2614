import type { GeohashRange, Station } from '@ankang/shared';
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { geoPartitionKey, indexes, keys, orgSubtreePrefix, stationIndexKeys } from './keys';
import { stationFromItem } from './stationItems';

export async function getStationById(id: string): Promise<Station | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.station(id) }));
  return Item ? stationFromItem(Item) : null;
}

/**
 * Every station in a range of geohash cells (same precision, one partition of the geo index): a
 * whole partition when the range is that one cell, else a BETWEEN on the sort key (`<geohash>#<id>`;
 * `~` sorts after every geohash character). Returns the stations and the items DynamoDB read.
 */
export async function listStationsInGeoRange(
  range: GeohashRange,
): Promise<{ stations: Station[]; itemsRead: number }> {
  const wholePartition = range.from === range.partition && range.to === range.partition;
  const stations: Station[] = [];
  let itemsRead = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.stationsByGeo,
        KeyConditionExpression: wholePartition
          ? 'gsi2pk = :pk'
          : 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': geoPartitionKey(range.partition),
          ...(wholePartition ? {} : { ':from': range.from, ':to': `${range.to}~` }),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    itemsRead += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) stations.push(stationFromItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { stations, itemsRead };
}

export interface OrgStationFilter {
  /** Case-sensitive substring of name, address or district. */
  text?: string;
  /** Only stations never verified or verified before this ISO time. */
  verifiedBefore?: string;
  hasOpenReports?: boolean;
  excludeClosed?: boolean;
}

function filterExpression(filter: OrgStationFilter): Pick<
  QueryCommandInput,
  'FilterExpression' | 'ExpressionAttributeNames'
> & {
  values: Record<string, unknown>;
} {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.text) {
    clauses.push('(contains(#name, :text) OR contains(address, :text) OR contains(district, :text))');
    names['#name'] = 'name';
    values[':text'] = filter.text;
  }
  if (filter.verifiedBefore) {
    clauses.push(
      '(attribute_not_exists(lastVerifiedAt) OR lastVerifiedAt = :null OR lastVerifiedAt < :before)',
    );
    values[':before'] = filter.verifiedBefore;
    values[':null'] = null;
  }
  if (filter.hasOpenReports) clauses.push('openReports > :zero');
  if (filter.hasOpenReports) values[':zero'] = 0;
  if (filter.excludeClosed) {
    clauses.push('#status.#state <> :closed');
    names['#status'] = 'status';
    names['#state'] = 'state';
    values[':closed'] = 'closed';
  }
  return {
    ...(clauses.length ? { FilterExpression: clauses.join(' AND ') } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    values,
  };
}

/**
 * A page of the stations in an org subtree (from the province's partition of the org index),
 * filtered server-side. Keeps reading until the page is full or the subtree is exhausted.
 */
export async function listStationsUnderOrg(
  orgPath: string,
  filter: OrgStationFilter,
  page: { limit: number; cursor?: string },
): Promise<{ stations: Station[]; nextCursor?: string }> {
  const { values, ...expression } = filterExpression(filter);
  const stations: Station[] = [];
  let startKey = decodeCursor(page.cursor);
  let rounds = 0;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.stationsByOrg,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': stationIndexKeys.byOrgPartition(orgPath),
          ':prefix': orgSubtreePrefix(orgPath),
          ...values,
        },
        ...expression,
        Limit: Math.max(page.limit * 4, 50),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of result.Items ?? []) {
      if (stations.length < page.limit) stations.push(stationFromItem(item));
    }
    startKey = result.LastEvaluatedKey;
    if (stations.length >= page.limit && result.Items && result.Items.length > 0) {
      // Resume right after the last station returned, not after the last one read.
      const last = stations.at(-1)!;
      startKey = { ...keys.station(last.id), ...stationIndexKeys.byOrg(last.orgPath, last.id) };
      break;
    }
    rounds += 1;
  } while (startKey && rounds < 20);
  return { stations, nextCursor: encodeCursor(startKey) };
}
