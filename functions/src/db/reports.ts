import { type ReportState, type StationReport, stationReportSchema } from '@ankang/shared';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, keys, orgSubtreePrefix, stationIndexKeys } from './keys';
import { conditionFailedAt } from './transactions';

function reportItem(report: StationReport & { userId: string }) {
  return {
    ...keys.report(report.id),
    ...stationIndexKeys.reportByState(report.state, report.orgPath, report.createdAt, report.id),
    type: 'StationReport',
    ...report,
  };
}

export async function getReport(id: string): Promise<StationReport | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.report(id) }));
  return Item ? stationReportSchema.parse(Item) : null;
}

/**
 * Files a new report and counts it on the station, together. Returns false when a report with this
 * id exists already (a retried submission): nothing is written twice.
 */
export async function insertReport(report: StationReport & { userId: string }): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: reportItem(report),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.station(report.stationId),
              UpdateExpression: 'ADD openReports :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error)) return false;
    throw error;
  }
}

/**
 * Moves a report to its next state if it is still at `expectedVersion`; resolving it also takes it
 * off the station's open count, in the same transaction. Returns false on a stale version.
 */
export async function transitionReport(
  current: StationReport,
  next: StationReport,
  expectedVersion: number,
): Promise<boolean> {
  const resolving = next.state === 'resolved' && current.state !== 'resolved';
  const { gsi1pk, gsi1sk } = stationIndexKeys.reportByState(
    next.state,
    next.orgPath,
    next.createdAt,
    next.id,
  );
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: keys.report(next.id),
              UpdateExpression:
                'SET #state = :state, note = :note, updatedAt = :now, version = :next, gsi1pk = :gpk, gsi1sk = :gsk',
              ConditionExpression: 'version = :expected',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':state': next.state,
                ':note': next.note,
                ':now': next.updatedAt,
                ':next': next.version,
                ':gpk': gsi1pk,
                ':gsk': gsi1sk,
                ':expected': expectedVersion,
              },
            },
          },
          ...(resolving
            ? [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.station(next.stationId),
                    UpdateExpression: 'ADD openReports :minus',
                    ConditionExpression: 'attribute_exists(pk) AND openReports > :zero',
                    ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
                  },
                },
              ]
            : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error)) return false;
    throw error;
  }
}

/** A page of an org subtree's reports in one state, oldest first. */
export async function listReportsUnderOrg(
  orgPath: string,
  state: ReportState,
  page: { limit: number; cursor?: string },
): Promise<{ reports: StationReport[]; nextCursor?: string }> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.reportQueue,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': stationIndexKeys.reportQueuePartition(state, orgPath),
        ':prefix': orgSubtreePrefix(orgPath),
      },
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor),
    }),
  );
  return {
    reports: (result.Items ?? []).map((item) => stationReportSchema.parse(item)),
    ...(result.LastEvaluatedKey ? { nextCursor: encodeCursor(result.LastEvaluatedKey) } : {}),
  };
}
