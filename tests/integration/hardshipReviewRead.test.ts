import { randomUUID } from 'node:crypto';
import type { VisitCreateInput } from '@ankang/shared';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ensureTable } from '../../functions/local/table';
import { db, tableName } from '../../functions/src/db/client';
import { readHouseholdForReview } from '../../functions/src/db/hardshipAlerts';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { tallyDynamo } from '../support/dynamoTally';
import { httpEvent, invoke } from '../support/events';
import { draft, filed, hardshipScene, partition } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

/**
 * A table of its own (named before any module reads the environment): these households are never
 * reviewed after their raw visits are added, so no sweep of the shared table (the demo seed's)
 * may meet them half made.
 */
const ownTable = vi.hoisted(() => {
  const name = `review-read-it-${Math.random().toString(16).slice(2, 10)}`;
  process.env.TABLE_NAME = name;
  return name;
});

atShanghaiNoon();

const tally = tallyDynamo(db, 'reviewReadTally');

beforeAll(async () => {
  expect(tableName).toBe(ownTable);
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, ownTable);
  client.destroy();
});
afterAll(() => tally.remove());

/** YYYY-MM-DD `days` after 2020-01-01 (plain UTC arithmetic, not the code under test's). */
const dayFrom2020 = (days: number) => new Date(Date.UTC(2020, 0, 1 + days)).toISOString().slice(0, 10);

/**
 * A filed household with one real visit (through the handler), then `extra` more visits stored
 * raw as copies of it on other dates — each `padding` characters heavier — and one correction
 * link item (which sorts between MONITOR and the visits and is not a visit). Returns the file id
 * and every visit's id with its sort key, as written here.
 */
async function household(extra: number, padding = 0) {
  const scene = await hardshipScene();
  const file = await filed(scene.countyStaff.token, draft(scene.county));
  const body: VisitCreateInput = {
    id: `hv_${randomUUID().replace(/-/g, '')}`,
    visitedOn: dayFrom2020(0),
    mode: 'home',
    annualIncomeFen: 6_000_000,
    annualFixedSpendingFen: 600_000,
    householdSize: 3,
    earners: [{ relation: 'self', employment: 'employed', changedSinceLastVisit: false }],
    largeSpending: [],
    housing: [],
    risk: 'low',
    nextVisitDue: dayFrom2020(90),
  };
  const answer = await invoke(
    createHardshipVisit,
    httpEvent({
      method: 'POST',
      path: `/staff/hardship/files/${file.id}/visits`,
      token: scene.countyStaff.token,
      params: { id: file.id },
      body,
    }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const pk = `HFILE#${file.id}`;
  const template = (await partition(pk)).find((item) => String(item.sk).startsWith('VISIT#'))!;
  const visits = [{ id: body.id, sk: String(template.sk) }];
  const copies = Array.from({ length: extra }, (_, i) => {
    const id = `hv_${randomUUID().replace(/-/g, '')}`;
    // Dates out of order on purpose: the read must order by sort key, not by write order.
    const visitedOn = dayFrom2020(1 + ((i * 37) % extra));
    const createdAt = `${visitedOn}T02:00:00.000Z`;
    const sk = `VISIT#${visitedOn}#${createdAt}#${id}`;
    visits.push({ id, sk });
    return { ...template, sk, id, visitedOn, createdAt, updatedAt: createdAt, pad: 'x'.repeat(padding) };
  });
  const link = {
    pk,
    sk: `VFIX#${dayFrom2020(1)}#x#${randomUUID()}`,
    type: 'HardshipVisitCorrection',
    fileId: file.id,
  };
  const items = [...copies, link];
  for (let i = 0; i < items.length; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  return { fileId: file.id, visits };
}

/** The ids of the latest 60 visits by sort key, newest first (the review's documented bound). */
const latest60 = (visits: { id: string; sk: string }[]) =>
  [...visits]
    .sort((a, b) => (a.sk < b.sk ? 1 : -1))
    .slice(0, 60)
    .map((visit) => visit.id);

/** The slots, file and monitor of a partition, as read raw here: the meta range of the review. */
const metaOf = (items: Record<string, unknown>[]) =>
  items.filter(
    (item) => String(item.sk).startsWith('ALERTRULE#') || item.sk === 'FILE' || item.sk === 'MONITOR',
  );

describe('readHouseholdForReview', () => {
  it('reads slots, file, monitor and the latest 60 visits (newest first) in two bounded requests', async () => {
    const { fileId, visits } = await household(69);
    const all = await partition(`HFILE#${fileId}`);
    tally.reset();
    const read = await readHouseholdForReview(fileId);
    const counts = tally.reset();
    expect(counts.readRequests).toBe(2);
    expect(read.file?.id).toBe(fileId);
    expect(read.monitor?.fileId).toBe(fileId);
    expect(read.visits.map((visit) => visit.id)).toEqual(latest60(visits));
    // 70 visits and a correction link are stored; only the meta items and 60 visits are read.
    expect(visits).toHaveLength(70);
    expect(read.itemsRead).toBe(metaOf(all).length + 60);
    expect(counts.itemsRead).toBe(read.itemsRead);
  });

  it('reads the same two bounded requests when the partition is past one page', async () => {
    // 100 visits of ~12 KB: past DynamoDB's 1 MB page; the review never reads that far.
    const { fileId, visits } = await household(100, 12_000);
    const all = await partition(`HFILE#${fileId}`);
    tally.reset();
    const read = await readHouseholdForReview(fileId);
    const counts = tally.reset();
    expect(counts.readRequests).toBe(2);
    expect(read.file?.id).toBe(fileId);
    expect(read.monitor?.fileId).toBe(fileId);
    expect(read.visits.map((visit) => visit.id)).toEqual(latest60(visits));
    expect(read.itemsRead).toBe(metaOf(all).length + 60);
  });
});
