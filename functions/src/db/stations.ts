import type { GeohashRange, Station } from '@ankang/shared';
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { geoPartitionKey, indexes, keys, orgSubtreePrefix, stationIndexKeys } from './keys';
import { stationFromItem } from './stationItems';

/**
 * A station by id. `consistent` reads what the last write left (a write built on the read needs
 * it); otherwise an eventually consistent read, which costs half and is fine for showing.
 */
export async function getStationById(
  id: string,
  options: { consistent?: boolean } = {},
): Promise<Station | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.station(id),
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Item ? stationFromItem(Item) : null;
}

/** How much of one geo range a read may take. */
export interface GeoRangeReadBounds {
  /** Asked before every page after the first: whether one more may be read. */
  mayReadMore: () => boolean;
  /** Items per page; DynamoDB's own 1 MB page (some 1,000 stations) when absent. */
  pageSize?: number;
}

/**
 * The stations in a range of geohash cells (same precision, one partition of the geo index): a
 * whole partition when the range is that one cell, else a BETWEEN on the sort key (`<geohash>#<id>`;
 * `~` sorts after every geohash character). Reads the first page, and each further one only while
 * `bounds.mayReadMore()` allows, so a dense range costs a bounded number of requests; when that stops
 * it early, `unreadFrom` is the geohash of the last station read: the sort key is in geohash order,
 * so every station not read lies in that station's cell or after it in the range. Returns the items
 * DynamoDB read and the requests made too.
 */
export async function listStationsInGeoRange(
  range: GeohashRange,
  bounds: GeoRangeReadBounds,
): Promise<{ stations: Station[]; itemsRead: number; requests: number; unreadFrom?: string }> {
  const wholePartition = range.from === range.partition && range.to === range.partition;
  const stations: Station[] = [];
  let itemsRead = 0;
  let requests = 0;
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
        ...(bounds.pageSize ? { Limit: bounds.pageSize } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    requests += 1;
    itemsRead += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) stations.push(stationFromItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && bounds.mayReadMore());
  const unreadFrom = startKey ? String(startKey.gsi2sk).split('#')[0] : undefined;
  return { stations, itemsRead, requests, ...(unreadFrom === undefined ? {} : { unreadFrom }) };
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

/** Items one Query of an org listing reads, and Queries per page: at most 400 items a request. */
export const ORG_PAGE_READ = 100;
export const ORG_PAGE_ROUNDS = 4;

/**
 * A page of the stations in an org subtree (from the province's partition of the org index),
 * filtered server-side. Reads until the page is full, the subtree ends or the read bound is hit; a
 * short (even empty) page with a cursor means "more may follow".
 */
export async function listStationsUnderOrg(
  orgPath: string,
  filter: OrgStationFilter,
  page: { limit: number; cursor?: string },
): Promise<{ stations: Station[]; nextCursor?: string }> {
  const { values, ...expression } = filterExpression(filter);
  const stations: Station[] = [];
  const cursorScope = [
    'stationsUnderOrg',
    stationIndexKeys.byOrgPartition(orgPath),
    orgSubtreePrefix(orgPath),
  ] as const;
  let startKey = await decodeCursor(page.cursor, cursorScope);
  let rounds = 0;
  // A text filter runs after the read, so a rare word can leave pages short: the work per request
  // stays bounded (ORG_PAGE_ROUNDS × ORG_PAGE_READ items) and the cursor carries on from there.
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
        Limit: ORG_PAGE_READ,
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
  } while (startKey && rounds < ORG_PAGE_ROUNDS);
  return { stations, nextCursor: await encodeCursor(startKey, cursorScope) };
}
