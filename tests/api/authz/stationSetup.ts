import { randomInt, randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { fakeSecurityMarkers } from '../../../functions/local/fakeWechatSecurity';
import { indexes, stationCommentKeys } from '../../../functions/src/db/keys';
import { testTableName } from '../../support/stack';
import { offsetFrom, placeOfFile } from '../../support/testPlaces';
import { loginWithCode, request } from '../http';
import { createStation } from '../stationHelpers';
import { table } from '../table';

/**
 * Records of 张家港 for the station fixtures (tests/api/authz/stationFixtures.ts), made through the
 * API as staff and workers make them.
 */

/** The matrix file's own place (testPlaces.ts): its stations stay out of every other file's searches. */
const matrixPlace = placeOfFile(new URL('../authzMatrix.test.ts', import.meta.url).href);

/** A random point of the matrix's place (up to 6 km north or south, east or west): stations seldom meet. */
export function matrixPoint(): { lng: number; lat: number } {
  return offsetFrom(matrixPlace, { northM: randomInt(-6000, 6000), eastM: randomInt(-6000, 6000) });
}

export interface MatrixStation {
  id: string;
  version: number;
  name: string;
  location: { lng: number; lat: number };
}

/** A station of 张家港's union at a random point of the matrix's place, made by its own staff. */
export async function zjgStation(staff: string): Promise<MatrixStation> {
  const name = `矩阵驿站${randomUUID().slice(0, 6)}`;
  const location = matrixPoint();
  const station = await createStation(staff, location, { name });
  return { ...station, name, location };
}

/** A fresh worker (the fake WeChat makes one for any `ok-` code): their own daily limits. */
export async function freshWorker(): Promise<string> {
  return (await loginWithCode(`ok-authz-b-${randomUUID()}`)).token;
}

/** A problem of a fresh 张家港 station, opened by a fresh worker's report: its id, version 1. */
export async function openProblem(staff: string): Promise<string> {
  const station = await zjgStation(staff);
  const reported = await request('POST', `/stations/${station.id}/reports`, {
    token: await freshWorker(),
    body: { kind: 'noWater', text: '饮水机没有水了', requestId: randomUUID() },
  });
  expect(reported.status, JSON.stringify(reported.body)).toBe(201);
  return (reported.body as { report: { problemId: string } }).report.problemId;
}

/**
 * A comment held for review on a fresh 张家港 station (the fake WeChat asks a person's look for its
 * marker): its id and version, read from the station's held comments (the queue of all 张家港 is long).
 */
export async function heldComment(staff: string): Promise<{ id: string; version: number }> {
  const station = await zjgStation(staff);
  const rated = await request('POST', `/stations/${station.id}/feedback`, {
    token: await freshWorker(),
    body: { stars: 2, tags: [], comment: `${fakeSecurityMarkers.review} 空调不太凉` },
  });
  expect(rated.status, JSON.stringify(rated.body)).toBe(200);
  expect((rated.body as { commentState: string }).commentState).toBe('held');
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: testTableName,
      IndexName: indexes.heldCommentsByStation,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': stationCommentKeys.heldByStationPartition(station.id) },
    }),
  );
  expect(Items).toHaveLength(1);
  return { id: Items[0]?.id as string, version: Items[0]?.version as number };
}

/**
 * A point to suggest as a new station that 张家港's union reviews. The nearest station's union
 * reviews a point only inside its box (reviewingNode; past it, the node above does), and 张家港's box
 * is the real county, so the matrix's own place would be reviewed by 苏州. So: a fresh 张家港 station
 * in the box's quiet south-east corner (no demo station within 18 km, and outside 大新镇's box), and
 * the point 300 m north of it: the nearest, yet not near enough to ask "the same place?".
 */
export async function suggestionPoint(staff: string): Promise<{ lng: number; lat: number }> {
  const corner = { lng: 120.78 + randomInt(600) / 10_000, lat: 31.73 + randomInt(500) / 10_000 };
  const station = await createStation(staff, corner, { name: `矩阵驿站${randomUUID().slice(0, 6)}` });
  expect(station.id).toBeTruthy();
  return offsetFrom(corner, { northM: 300 });
}

/**
 * A suggestion's draft at `location`, as a worker writes one. Sent anyway should a station stand
 * within 80 m (the corner holds every run's stations): the warning is not what the matrix asks.
 */
export function suggestionBody(location: { lng: number; lat: number }, requestId: string = randomUUID()) {
  return {
    requestId,
    name: '加油站休息室',
    address: '杨舍镇港城大道 100 号',
    location,
    hostType: 'gasStation',
    amenities: ['water'],
    note: '有空调，白天开门',
    confirmNearby: true,
  };
}

/**
 * The admin's suggestion: the same request every run, so every run after the first is a retry that
 * counts nothing. The admin (周建国) is the one caller not made afresh, and 5 suggestions a day
 * (SUGGESTION_DAILY_CAP) would otherwise turn the sixth run of the day on one stack into a 429.
 * Its point is in the corner, where `suggestionPoint` has just made a station of 张家港.
 */
export const adminSuggestion = suggestionBody(
  { lng: 120.8123, lat: 31.7567 },
  'a3c1e2d4-5b6f-4a7e-8c9d-0e1f2a3b4c5d',
);

/** A pending suggestion reviewed by 张家港's union, sent by a fresh worker: its id, version 1. */
export async function pendingSuggestion(staff: string): Promise<string> {
  const sent = await request('POST', '/suggestions', {
    token: await freshWorker(),
    body: suggestionBody(await suggestionPoint(staff)),
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const suggestion = (sent.body as { suggestion: { id: string; orgPath: string } }).suggestion;
  expect(suggestion.orgPath).toBe('320000/320500/320582');
  return suggestion.id;
}
