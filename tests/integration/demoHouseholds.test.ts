import { randomUUID } from 'node:crypto';
import {
  householdFileSchema,
  householdSummarySchema,
  isValidIdNumber,
  type Visit,
  visitSchema,
} from '@ankang/shared';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { demoUserId } from '../../functions/local/demoData';
import { demoHouseholdSeeds } from '../../functions/local/demoHouseholdData';
import {
  demoCreateBody,
  demoFileId,
  demoIdNumber,
  seedDemoHouseholds,
} from '../../functions/local/demoHouseholds';
import { seedDemoData } from '../../functions/local/seed';
import { ensureTable } from '../../functions/local/table';
import { handler as getHardshipFile } from '../../functions/src/handlers/getHardshipFile';
import { handler as listHardshipFiles } from '../../functions/src/handlers/listHardshipFiles';
import { handler as listHardshipVisits } from '../../functions/src/handlers/listHardshipVisits';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';

const seedAt = new Date('2026-11-26T09:30:00+08:00');
const DAXIN = '320000/320500/320582/daxin';

/** GB 11643 MOD 11-2, written out here from the standard rather than taken from the code. */
function checkDigitOf(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

function localClient(endpoint = inject('dynamoEndpoint')) {
  return new DynamoDBClient({
    ...(endpoint ? { endpoint } : {}),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A table of its own, so the seed's fixed ids meet nothing another test wrote. */
async function freshTable() {
  const client = localClient();
  const tableName = `demo-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    client,
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  };
}

/** Every item of a small test table (a Scan is fine on a table of a few hundred items in a test). */
async function everything(db: DynamoDBDocumentClient, tableName: string) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const visitCount = demoHouseholdSeeds.reduce((sum, seed) => sum + seed.visits.length, 0);
const correctionCount = demoHouseholdSeeds.reduce(
  (sum, seed) => sum + seed.visits.filter((visit) => visit.corrects !== undefined).length,
  0,
);

async function tokenOf(key: string) {
  return (await issueAccessToken({ id: demoUserId({ key }), tokenVersion: 0 }, new Date())).token;
}

describe('Demo households', () => {
  it('have fictitious names and streets and ID numbers with valid check digits', () => {
    expect(demoHouseholdSeeds.length).toBeGreaterThanOrEqual(8);
    expect(demoHouseholdSeeds.length).toBeLessThanOrEqual(10);
    for (const seed of demoHouseholdSeeds) {
      const id = demoIdNumber(seed);
      expect(id).toMatch(/^(320582|320571)\d{11}[\dX]$/);
      expect(id.slice(17)).toBe(checkDigitOf(id.slice(0, 17)));
      expect(isValidIdNumber(id)).toBe(true);
      expect(seed.headName).toMatch(/^示例户·.某某$/);
      expect(seed.address).toMatch(/示例路 \d+ 号$/);
      expect(seed.visits.length).toBeGreaterThanOrEqual(2);
      expect(seed.visits.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(demoHouseholdSeeds.map(demoIdNumber)).size).toBe(demoHouseholdSeeds.length);
    const statuses = demoHouseholdSeeds.map((seed) => seed.status);
    expect(new Set(statuses)).toStrictEqual(new Set(['active', 'exited', 'closed']));
    expect(new Set(demoHouseholdSeeds.map((seed) => seed.category))).toStrictEqual(
      new Set(['deep', 'relative', 'accident']),
    );
    expect(correctionCount).toBeGreaterThanOrEqual(1);
  });

  it('seeds items all marked demo with no plaintext ID number, phone or address; a second seed writes nothing', async () => {
    const { db, tableName } = await freshTable();
    const first = await seedDemoHouseholds(db, tableName, seedAt);
    const stored = await everything(db, tableName);
    const second = await seedDemoHouseholds(db, tableName, seedAt);
    // 3 poverty lines, the files, the visits.
    expect([first, second]).toStrictEqual([3 + demoHouseholdSeeds.length + visitCount, 0]);
    expect(await everything(db, tableName)).toStrictEqual(stored);

    const count = (type: string) => stored.filter((item) => item.type === type).length;
    expect({
      lines: count('PovertyLine'),
      files: count('HardshipFile'),
      idClaims: count('HardshipIdClaim'),
      visits: count('HardshipVisit'),
      visitClaims: count('HardshipVisitClaim'),
      corrections: count('HardshipVisitCorrection'),
      audit: count('AuditEvent'),
    }).toStrictEqual({
      lines: 3,
      files: demoHouseholdSeeds.length,
      idClaims: demoHouseholdSeeds.length,
      visits: visitCount,
      visitClaims: visitCount,
      corrections: correctionCount,
      audit: demoHouseholdSeeds.length + visitCount,
    });
    expect(stored.length).toBe(
      3 +
        2 * demoHouseholdSeeds.length +
        2 * visitCount +
        correctionCount +
        demoHouseholdSeeds.length +
        visitCount,
    );
    expect(stored.filter((item) => item.demo !== true)).toStrictEqual([]);

    const text = JSON.stringify(stored).toUpperCase();
    for (const seed of demoHouseholdSeeds) {
      expect(text).not.toContain(demoIdNumber(seed).toUpperCase());
      expect(text).not.toContain(seed.phone);
      expect(text).not.toContain(seed.address.toUpperCase());
    }
  });

  it('reads back through the API: every file and visit parses with the output schemas', async () => {
    // The integration run's global setup seeded them under the handlers' own keys.
    const admin = await tokenOf('admin');
    for (const [household, seed] of demoHouseholdSeeds.entries()) {
      const id = demoFileId(household);
      const detail = await invoke(
        getHardshipFile,
        httpEvent({ path: `/staff/hardship/files/${id}`, token: admin, params: { id } }),
      );
      expect(detail.status, JSON.stringify(detail.body)).toBe(200);
      const file = householdFileSchema.parse(detail.body);
      const number = demoIdNumber(seed);
      expect([file.address, file.idNumberMasked, file.demo]).toStrictEqual([
        seed.address,
        `${number.slice(0, 4)}**********${number.slice(-4)}`,
        true,
      ]);

      const listed = await invoke(
        listHardshipVisits,
        httpEvent({ path: `/staff/hardship/files/${id}/visits`, token: admin, params: { id } }),
      );
      expect(listed.status).toBe(200);
      const visits = (listed.body as { visits: Visit[] }).visits.map((visit) => visitSchema.parse(visit));
      expect(visits.length).toBe(seed.visits.length);
      for (const visit of visits) {
        // (income − fixed spending) ÷ 12 ÷ size, rounded to the fen.
        const expected = Math.round(
          (visit.annualIncomeFen - visit.annualFixedSpendingFen) / 12 / visit.householdSize,
        );
        expect(visit.perCapitaMonthlyFen).toBe(expected);
        expect(visit.demo).toBe(true);
      }
      // The file's figures are its newest visit's.
      const newest = [...visits].sort(
        (a, b) => b.visitedOn.localeCompare(a.visitedOn) || b.createdAt.localeCompare(a.createdAt),
      )[0]!;
      expect([file.lastVisitOn, file.nextVisitDue, file.perCapitaMonthlyFen]).toStrictEqual([
        newest.visitedOn,
        newest.nextVisitDue,
        newest.perCapitaMonthlyFen,
      ]);
      for (const visit of visits.filter((v) => v.corrects)) {
        expect(visits.find((v) => v.id === visit.corrects)?.correctedBy).toContain(visit.id);
      }
    }
  });

  it('lists each caseworker’s households in their district, with one visit overdue', async () => {
    const daxin = await invoke(
      listHardshipFiles,
      httpEvent({ path: '/staff/hardship/files', token: await tokenOf('staff-daxin') }),
    );
    expect(daxin.status).toBe(200);
    const files = (daxin.body as { files: unknown[] }).files.map((file) =>
      householdSummarySchema.parse(file),
    );
    const demoIds = demoHouseholdSeeds.flatMap((seed, i) => (seed.orgPath === DAXIN ? [demoFileId(i)] : []));
    const demo = files.filter((file) => file.demo);
    expect(demo.map((file) => file.id).sort()).toStrictEqual(demoIds.sort());
    expect(demo.every((file) => file.district === '大新镇' && file.caseworkerName === '顾晓东')).toBe(true);

    const suzhou = await invoke(
      listHardshipFiles,
      httpEvent({
        path: '/staff/hardship/files',
        token: await tokenOf('staff-sz'),
        query: { overdue: 'true' },
      }),
    );
    const overdue = (suzhou.body as { files: { id: string; demo?: boolean }[] }).files.filter(
      (file) => file.demo,
    );
    expect(overdue.map((file) => file.id)).toStrictEqual([demoFileId(3)]);
  });

  it('is what the API would accept: each create body passes the create schema', () => {
    for (const household of demoHouseholdSeeds.keys()) {
      const body = demoCreateBody(household, seedAt);
      expect(body.idNumber).toBe(demoIdNumber(demoHouseholdSeeds[household]!));
    }
  });

  it('refuses to seed for a stage other than local, or a table that is not on this machine, writing nothing', async () => {
    const { client, db, tableName } = await freshTable();
    const stage = process.env.STAGE;
    process.env.STAGE = 'prod';
    try {
      await expect(seedDemoData(client, tableName, seedAt)).rejects.toThrow(/STAGE=prod/);
    } finally {
      process.env.STAGE = stage;
    }
    const aws = new DynamoDBClient({
      region: 'cn-north-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await expect(seedDemoData(aws, tableName, seedAt)).rejects.toThrow(/DynamoDB Local/);
    expect(await everything(db, tableName)).toStrictEqual([]);
  });
});
