import { randomUUID } from 'node:crypto';
import type { HouseholdFile, Visit } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../support/households';
import { testTableName } from '../support/stack';
import { loginAsDemo, request } from './http';
import { table } from './table';

/** 走访 over real HTTP: status codes, retries, roles and scope, on the seeded demo tree. */

const DAXIN = '320000/320500/320582/daxin';
/** The seed's first household (示例户·张某某, 大新镇): its id as functions/local/demoHouseholds.ts makes it. */
const DEMO_FILE = 'hf_de01'.padEnd(35, '0');

/** A visit on 2026-08-01, when 苏州's demo 低保 standard of ¥1,140 (from 2026-07-01) is in force. */
function visit(overrides: object = {}) {
  return {
    id: `hv_${randomUUID().replace(/-/g, '')}`,
    visitedOn: '2026-08-01',
    mode: 'home',
    annualIncomeFen: 2_500_000,
    annualFixedSpendingFen: 700_000,
    householdSize: 2,
    earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: false }],
    largeSpending: [],
    housing: ['rentBurden'],
    risk: 'medium',
    nextVisitDue: '2026-10-01',
    ...overrides,
  };
}

const refusal = (status: number, code: string) =>
  expect.objectContaining({ status, body: { error: expect.objectContaining({ code }) } });

/** The stored items of a file's partition other than the file itself. */
async function storedVisits(fileId: string) {
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: testTableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :visit)',
      ExpressionAttributeValues: { ':pk': `HFILE#${fileId}`, ':visit': 'VISIT#' },
    }),
  );
  return Items;
}

describe('API: hardship visits', () => {
  let daxinStaff: string;
  let fileId: string;
  const path = () => `/staff/hardship/files/${fileId}/visits`;

  beforeAll(async () => {
    daxinStaff = await loginAsDemo('顾晓东');
    const filed = await request('POST', '/staff/hardship/files', { token: daxinStaff, body: draft(DAXIN) });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    fileId = (filed.body as HouseholdFile).id;
  });

  it('records a visit with 201, the per-capita figure computed and the line of its date; a retry gets the same', async () => {
    const body = visit();
    const first = await request('POST', path(), { token: daxinStaff, body });
    expect(first.status).toBe(201);
    // (25,000.00 − 7,000.00) ÷ 12 ÷ 2 = ¥750.00, below 苏州's ¥1,140.00 in force on 2026-08-01.
    expect(first.body).toMatchObject({
      id: body.id,
      fileId,
      perCapitaMonthlyFen: 75_000,
      povertyLineFen: 114_000,
      belowPovertyLine: true,
      visitorName: '顾晓东',
    });
    const again = await request('POST', path(), { token: daxinStaff, body });
    expect([again.status, again.body]).toStrictEqual([201, first.body]);
    expect((await storedVisits(fileId)).filter((item) => item.id === body.id).length).toBe(1);

    const listed = await request('GET', path(), { token: daxinStaff });
    expect(listed.status).toBe(200);
    expect((listed.body as { visits: Visit[] }).visits.map((v) => v.id)).toContain(body.id);
  });

  it('refuses a reused id with other content (409) and a typed per-capita figure (400), storing nothing', async () => {
    const body = visit();
    expect((await request('POST', path(), { token: daxinStaff, body })).status).toBe(201);
    const before = await storedVisits(fileId);
    expect(
      await request('POST', path(), { token: daxinStaff, body: { ...body, householdSize: 3 } }),
    ).toStrictEqual(refusal(409, 'REQUEST_ID_REUSED'));
    const typed = visit({ perCapitaMonthlyFen: 1 });
    expect(await request('POST', path(), { token: daxinStaff, body: typed })).toStrictEqual(
      refusal(400, 'VALIDATION_FAILED'),
    );
    expect(await storedVisits(fileId)).toStrictEqual(before);
  });

  it('refuses staff beside the file, a volunteer, a worker and nobody, on both routes', async () => {
    const [beside, volunteer, worker] = await Promise.all([
      loginAsDemo('沈佳怡'),
      loginAsDemo('赵磊'),
      loginAsDemo('刘师傅（环卫工）'),
    ]);
    const before = await storedVisits(fileId);
    const cases: [string | undefined, number, string][] = [
      [beside, 403, 'OUT_OF_SCOPE'],
      [volunteer, 403, 'FORBIDDEN'],
      [worker, 403, 'FORBIDDEN'],
      [undefined, 401, 'UNAUTHENTICATED'],
    ];
    for (const [token, status, code] of cases) {
      expect(await request('POST', path(), { token, body: visit() })).toStrictEqual(refusal(status, code));
      expect(await request('GET', path(), { token })).toStrictEqual(refusal(status, code));
    }
    expect(await storedVisits(fileId)).toStrictEqual(before);
  });

  it('answers 404 for an unknown file and for a correction naming another file’s visit', async () => {
    const unknown = `hf_${randomUUID().replace(/-/g, '')}`;
    expect(
      await request('POST', `/staff/hardship/files/${unknown}/visits`, { token: daxinStaff, body: visit() }),
    ).toStrictEqual(refusal(404, 'HARDSHIP_FILE_NOT_FOUND'));
    // A visit of the demo household 张某某 (大新镇), not of this file.
    const demoVisits = await request('GET', `/staff/hardship/files/${DEMO_FILE}/visits`, {
      token: daxinStaff,
    });
    const foreign = (demoVisits.body as { visits: Visit[] }).visits[0]!;
    expect(
      await request('POST', path(), { token: daxinStaff, body: visit({ corrects: foreign.id }) }),
    ).toStrictEqual(refusal(404, 'VISIT_NOT_FOUND'));
  });

  it('serves the demo household’s visits, newest first, the corrected one naming its correction', async () => {
    const answer = await request('GET', `/staff/hardship/files/${DEMO_FILE}/visits`, {
      token: daxinStaff,
    });
    expect(answer.status).toBe(200);
    const visits = (answer.body as { visits: Visit[] }).visits;
    expect(visits.length).toBe(3);
    const dates = visits.map((v) => v.visitedOn);
    expect(dates).toStrictEqual([...dates].sort().reverse());
    const correction = visits.find((v) => v.corrects)!;
    expect(visits.find((v) => v.id === correction.corrects)?.correctedBy).toStrictEqual([correction.id]);
    // The seed sealed the street address under the local stage's key, which the API opens.
    const detail = await request('GET', `/staff/hardship/files/${DEMO_FILE}`, { token: daxinStaff });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      address: '大新镇示例路 12 号',
      lastVisitOn: visits[0]!.visitedOn,
      demo: true,
    });
  });
});
