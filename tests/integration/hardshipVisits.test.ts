import { randomUUID } from 'node:crypto';
import {
  type Contract,
  contracts,
  shanghaiDate,
  type Visit,
  type VisitCreated,
  type VisitCreateInput,
} from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { tableName } from '../../functions/src/db/client';
import { visitRecordSchema } from '../../functions/src/db/hardshipVisitItems';
import { fileAfterVisit, writeVisit } from '../../functions/src/db/hardshipVisits';
import { hardshipKeys } from '../../functions/src/db/keys';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { handler as listHardshipVisits } from '../../functions/src/handlers/listHardshipVisits';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';
import {
  draft,
  filed,
  hardshipScene,
  newFileId,
  partition,
  rawAudit,
  rawFile,
  setLine,
} from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

const newVisitId = () => `hv_${randomUUID().replace(/-/g, '')}`;

/** A visit on a fixed past date; ¥30,000 income, ¥6,000 fixed spending, 3 people. */
function visit(overrides: Partial<VisitCreateInput> = {}): VisitCreateInput {
  return {
    id: newVisitId(),
    visitedOn: '2026-03-10',
    mode: 'home',
    annualIncomeFen: 3_000_000,
    annualFixedSpendingFen: 600_000,
    householdSize: 3,
    earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: true }],
    illnessOrAccident: {
      kind: 'illness',
      description: '户主腰椎手术，需休养三个月',
      expectedCostFen: 4_500_000,
    },
    largeSpending: [{ kind: 'medical', amountFen: 1_200_000, note: '住院自付部分' }],
    housing: ['rentBurden'],
    housingNote: '租住两居室，月租 1500 元',
    risk: 'medium',
    notes: '家中两名子女在校，配偶照顾老人。',
    nextVisitDue: '2026-06-10',
    ...overrides,
  };
}

const post = (token: string, fileId: string, body: unknown) =>
  invoke(
    createHardshipVisit,
    httpEvent({
      method: 'POST',
      path: `/staff/hardship/files/${fileId}/visits`,
      token,
      params: { id: fileId },
      body,
    }),
  );
const list = (token: string, fileId: string, query: Record<string, string> = {}) =>
  invoke(
    listHardshipVisits,
    httpEvent({ path: `/staff/hardship/files/${fileId}/visits`, token, params: { id: fileId }, query }),
  );

async function recorded(token: string, fileId: string, body: VisitCreateInput): Promise<VisitCreated> {
  const answer = await post(token, fileId, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as VisitCreated;
}

/** A visit as any read answers it: without the alerts its create raised. */
const withoutAlerts = ({ alerts: _raised, ...visit }: VisitCreated): Visit => visit;

/** A scene with a household filed in its county. */
async function fileScene() {
  const scene = await hardshipScene();
  const file = await filed(scene.countyStaff.token, draft(scene.county));
  return { ...scene, fileId: file.id };
}

/**
 * The file's visits and correction links (its partition also holds the file, its monitor and its
 * alert slots, which tests/integration/hardshipAlertRaise.test.ts checks).
 */
const visitItems = async (fileId: string) =>
  (await partition(hardshipKeys.file(fileId).pk)).filter((item) => /^(VISIT|VFIX)#/.test(String(item.sk)));
const visitClaim = async (visitId: string) => (await partition(`HVISIT#${visitId}`))[0];
const visitEvents = async (fileId: string) =>
  (await rawAudit(fileId)).filter((event) => event.action !== 'createFile');

async function expectNothingStored(fileId: string, visitId: string) {
  expect(await visitItems(fileId)).toStrictEqual([]);
  expect(await visitClaim(visitId)).toBeUndefined();
  expect(await visitEvents(fileId)).toStrictEqual([]);
}

const errorCode = (answer: { body: unknown }) => (answer.body as { error: { code: string } }).error.code;

describe('Handler: createHardshipVisit', () => {
  it('stores the per-capita figure computed from income, spending and size, with the 低保 line of the visit date', async () => {
    const scene = await fileScene();
    // Two standards on the province node; the visit falls under the first.
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2026-01-01',
      monthlyFen: 109_500,
    });
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2026-07-01',
      monthlyFen: 114_000,
    });
    const body = visit();
    const answer = await post(scene.countyStaff.token, scene.fileId, body);
    // (30,000.00 − 6,000.00) ÷ 12 ÷ 3 = 666.666… → ¥666.67, below ¥1,095.00.
    const expected = {
      ...body,
      fileId: scene.fileId,
      perCapitaMonthlyFen: 66_667,
      povertyLineFen: 109_500,
      belowPovertyLine: true,
      visitorName: '测试用户',
      createdAt: new Date().toISOString(),
      // The household's open alerts standing on this visit: below the line and costs over 80% of
      // the year's income (both high). (It is also overdue, but that alert stands on a due date.)
      alerts: [
        {
          id: expect.stringMatching(/^ha_[0-9a-f]{32}$/),
          rule: 'belowPovertyLine',
          ruleLabel: '人均收入低于低保标准',
          severity: 'high',
        },
        {
          id: expect.stringMatching(/^ha_[0-9a-f]{32}$/),
          rule: 'medicalBurden',
          ruleLabel: '医疗及意外支出超过家庭收入承受能力',
          severity: 'high',
        },
      ],
    } as VisitCreated;
    expect(answer).toStrictEqual({ status: 201, body: expected });
    const [stored] = await visitItems(scene.fileId);
    expect(stored?.perCapitaMonthlyFen).toBe(66_667);
    expect(stored?.povertyLineFen).toBe(109_500);
    expect(stored?.visitorUserId).toBe(scene.countyStaff.userId);

    // A visit after the second date gets the second line; one before any line gets none.
    const later = await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({
        visitedOn: '2026-07-01',
        annualIncomeFen: 6_000_000,
        householdSize: 2,
        nextVisitDue: '2026-10-01',
      }),
    );
    // (60,000.00 − 6,000.00) ÷ 12 ÷ 2 = ¥2,250.00, above ¥1,140.00.
    expect([later.perCapitaMonthlyFen, later.povertyLineFen, later.belowPovertyLine]).toStrictEqual([
      225_000,
      114_000,
      false,
    ]);
    const early = await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2025-12-31', nextVisitDue: '2026-01-31' }),
    );
    expect(early.povertyLineFen).toBeUndefined();
    expect(early.belowPovertyLine).toBeUndefined();
  });

  it('computes a negative per-capita figure when spending exceeds income, rounded to the fen', async () => {
    const scene = await fileScene();
    const answer = await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ annualIncomeFen: 100_001, annualFixedSpendingFen: 2_000_000, householdSize: 7 }),
    );
    // (1,000.01 − 20,000.00) ÷ 12 ÷ 7 = −226.1903… yuan → −22,619 fen.
    expect(answer.perCapitaMonthlyFen).toBe(-22_619);
  });

  it('never takes a per-capita figure from the client: a body carrying one is refused and stores nothing', async () => {
    const scene = await fileScene();
    const body = { ...visit(), perCapitaMonthlyFen: 999_999 };
    const answer = await post(scene.countyStaff.token, scene.fileId, body);
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('VALIDATION_FAILED');
    await expectNothingStored(scene.fileId, body.id);
  });

  it('answers a retry with the first visit and writes nothing more', async () => {
    const scene = await fileScene();
    const body = visit();
    const first = await post(scene.countyStaff.token, scene.fileId, body);
    const before = await visitItems(scene.fileId);
    const fileBefore = await rawFile(scene.fileId);
    const again = await post(scene.countyStaff.token, scene.fileId, structuredClone(body));
    expect(again).toStrictEqual(first);
    expect(await visitItems(scene.fileId)).toStrictEqual(before);
    expect(await rawFile(scene.fileId)).toStrictEqual(fileBefore);
    expect((await visitEvents(scene.fileId)).length).toBe(1);
  });

  it('refuses the same id with other content, on another file or from someone else, and changes nothing', async () => {
    const scene = await fileScene();
    const other = await filed(scene.countyStaff.token, draft(scene.county));
    const body = visit();
    await recorded(scene.countyStaff.token, scene.fileId, body);
    const before = await visitItems(scene.fileId);
    const claim = await visitClaim(body.id);
    const fileBefore = await rawFile(scene.fileId);

    const attempts = [
      post(scene.countyStaff.token, scene.fileId, { ...body, annualIncomeFen: 3_000_100 }),
      post(scene.countyStaff.token, other.id, body),
      post(scene.rootStaff.token, scene.fileId, body),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(409);
      expect(errorCode(answer)).toBe('REQUEST_ID_REUSED');
    }
    expect(await visitItems(scene.fileId)).toStrictEqual(before);
    expect(await visitItems(other.id)).toStrictEqual([]);
    expect(await visitClaim(body.id)).toStrictEqual(claim);
    expect(await rawFile(scene.fileId)).toStrictEqual(fileBefore);
    expect((await visitEvents(scene.fileId)).length).toBe(1);
    expect(await visitEvents(other.id)).toStrictEqual([]);
  });

  it('is append-only: no route updates or deletes a visit', () => {
    const visitRoutes = Object.values(contracts as Record<string, Contract>).filter((contract) =>
      contract.path.includes('/visits'),
    );
    expect(visitRoutes.map((contract) => `${contract.method} ${contract.path}`).sort()).toStrictEqual([
      'GET /staff/hardship/files/{id}/visits',
      'POST /staff/hardship/files/{id}/visits',
    ]);
  });

  it('takes a correction of a visit of the same file, refuses another file’s visit or an unknown one with 404', async () => {
    const scene = await fileScene();
    const other = await filed(scene.countyStaff.token, draft(scene.county));
    const original = await recorded(scene.countyStaff.token, scene.fileId, visit());
    const foreign = await recorded(scene.countyStaff.token, other.id, visit());

    for (const corrects of [foreign.id, newVisitId()]) {
      const body = visit({ corrects });
      const answer = await post(scene.countyStaff.token, scene.fileId, body);
      expect(answer.status).toBe(404);
      expect(errorCode(answer)).toBe('VISIT_NOT_FOUND');
      expect(await visitClaim(body.id)).toBeUndefined();
    }
    expect((await visitItems(scene.fileId)).length).toBe(1);

    // Corrected twice, and the correction corrected in turn.
    const first = await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ corrects: original.id, annualIncomeFen: 3_200_000 }),
    );
    const second = await recorded(scene.rootStaff.token, scene.fileId, visit({ corrects: original.id }));
    const third = await recorded(scene.countyStaff.token, scene.fileId, visit({ corrects: first.id }));
    expect(first.corrects).toBe(original.id);

    const { body } = await list(scene.countyStaff.token, scene.fileId);
    const byId = new Map((body as { visits: Visit[] }).visits.map((v) => [v.id, v]));
    expect(byId.get(original.id)?.correctedBy?.sort()).toStrictEqual([first.id, second.id].sort());
    expect(byId.get(first.id)?.correctedBy).toStrictEqual([third.id]);
    expect(byId.get(second.id)?.correctedBy).toBeUndefined();
    expect((await visitEvents(scene.fileId)).map((event) => event.action).sort()).toStrictEqual([
      'correctVisit',
      'correctVisit',
      'correctVisit',
      'recordVisit',
    ]);
  });

  it('moves the file’s last visit and next due date with the newest visit date, never back', async () => {
    const scene = await fileScene();
    const fileState = async () => {
      const file = await rawFile(scene.fileId);
      return [file?.lastVisitOn, file?.nextVisitDue, file?.latest];
    };
    await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2026-09-01', nextVisitDue: '2026-12-01' }),
    );
    // (30,000.00 − 6,000.00) ÷ 12 ÷ 3 = ¥666.67
    expect(await fileState()).toStrictEqual([
      '2026-09-01',
      '2026-12-01',
      { perCapitaMonthlyFen: 66_667, householdSize: 3, visitedOn: '2026-09-01' },
    ]);
    // An older visit entered later leaves the file as it was.
    await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2026-05-01', householdSize: 4, nextVisitDue: '2026-08-01' }),
    );
    expect((await fileState())[0]).toBe('2026-09-01');
    expect((await fileState())[1]).toBe('2026-12-01');
    // A newer one moves it; the file's version moved with each newest visit only.
    const versionBefore = (await rawFile(scene.fileId))?.version;
    await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({
        visitedOn: '2026-10-15',
        annualIncomeFen: 1_800_000,
        householdSize: 4,
        nextVisitDue: '2026-11-15',
      }),
    );
    // (18,000.00 − 6,000.00) ÷ 12 ÷ 4 = ¥250.00
    expect(await fileState()).toStrictEqual([
      '2026-10-15',
      '2026-11-15',
      { perCapitaMonthlyFen: 25_000, householdSize: 4, visitedOn: '2026-10-15' },
    ]);
    expect((await rawFile(scene.fileId))?.version).toBe(Number(versionBefore) + 1);
  });

  it('refuses, whole, a write that would move the file back after a later visit landed since it was read', async () => {
    const scene = await fileScene();
    await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2026-09-01', nextVisitDue: '2026-12-01' }),
    );
    const fileBefore = await rawFile(scene.fileId);
    const itemsBefore = await visitItems(scene.fileId);
    // As a create would write it had it read the file before the 09-01 visit landed.
    const stamp = new Date().toISOString();
    const record = visitRecordSchema.parse({
      ...visit({ visitedOn: '2026-05-01', nextVisitDue: '2026-08-01' }),
      fileId: scene.fileId,
      perCapitaMonthlyFen: 66_667,
      visitorUserId: scene.countyStaff.userId,
      visitorName: '测试用户',
      contentHash: 'x',
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    });
    const audit = {
      Put: {
        TableName: tableName,
        Item: {
          pk: `AUDIT#${scene.fileId}`,
          sk: `${stamp}#ev_stale`,
          type: 'AuditEvent',
          action: 'recordVisit',
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    expect(await writeVisit(record, { file: fileAfterVisit(record, true), audit })).toBe('fileChanged');
    expect(await rawFile(scene.fileId)).toStrictEqual(fileBefore);
    expect(await visitItems(scene.fileId)).toStrictEqual(itemsBefore);
    expect(await visitClaim(record.id)).toBeUndefined();
    expect((await visitEvents(scene.fileId)).length).toBe(1);
    // Decided on the file as it is now, the same visit lands and leaves the file's figures alone.
    expect(await writeVisit(record, { file: fileAfterVisit(record, false), audit })).toBe('saved');
    expect(await rawFile(scene.fileId)).toStrictEqual(fileBefore);
  });

  it('lands visits of different dates sent at once with the file following the newest date', async () => {
    const scene = await fileScene();
    const dates = ['2026-04-02', '2026-08-20', '2026-01-15', '2026-06-30', '2026-08-19'];
    const answers = await Promise.all(
      dates.map((visitedOn) =>
        post(scene.countyStaff.token, scene.fileId, visit({ visitedOn, nextVisitDue: '2026-12-31' })),
      ),
    );
    expect(answers.map((answer) => answer.status)).toStrictEqual([201, 201, 201, 201, 201]);
    expect((await rawFile(scene.fileId))?.lastVisitOn).toBe('2026-08-20');
    expect((await visitItems(scene.fileId)).length).toBe(5);
    expect((await visitEvents(scene.fileId)).length).toBe(5);
  });

  it('stores one visit when the same id is sent twice at once, and both sends get it', async () => {
    const scene = await fileScene();
    const body = visit();
    const [a, b] = await Promise.all([
      post(scene.countyStaff.token, scene.fileId, body),
      post(scene.countyStaff.token, scene.fileId, structuredClone(body)),
    ]);
    expect(a.status).toBe(201);
    // The same visit for both; the alerts may differ, as the send that lost may answer before the
    // winner's review has raised them.
    expect({ ...b, body: withoutAlerts(b.body as VisitCreated) }).toStrictEqual({
      ...a,
      body: withoutAlerts(a.body as VisitCreated),
    });
    expect((await visitItems(scene.fileId)).length).toBe(1);
    expect((await visitEvents(scene.fileId)).map((event) => event.action)).toStrictEqual(['recordVisit']);
  });

  it('writes one audit event per visit, by its visitor, in the visit’s own transaction', async () => {
    const scene = await fileScene();
    const a = await recorded(scene.countyStaff.token, scene.fileId, visit());
    await recorded(scene.rootStaff.token, scene.fileId, visit({ corrects: a.id }));
    // The clock is held, so both events carry one time: compare them in a fixed order.
    const events = (await visitEvents(scene.fileId))
      .map((event) => [event.action, event.actorUserId, event.subjectType, event.orgPath])
      .sort();
    expect(events).toStrictEqual([
      ['correctVisit', scene.rootStaff.userId, 'hardshipFile', scene.county],
      ['recordVisit', scene.countyStaff.userId, 'hardshipFile', scene.county],
    ]);

    // When any part of the transaction fails (here: its file is gone), neither the visit, its
    // claim nor its audit event is stored.
    const missingFile = newFileId();
    const stamp = new Date().toISOString();
    const record = visitRecordSchema.parse({
      ...visit(),
      fileId: missingFile,
      perCapitaMonthlyFen: 66_667,
      visitorUserId: scene.countyStaff.userId,
      visitorName: '测试用户',
      contentHash: 'x',
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    });
    const auditKey = { pk: `AUDIT#${missingFile}`, sk: `${stamp}#ev_test` };
    const outcome = await writeVisit(record, {
      file: fileAfterVisit(record, true),
      audit: {
        Put: {
          TableName: tableName,
          Item: { ...auditKey, type: 'AuditEvent', action: 'recordVisit' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    });
    expect(outcome).toBe('fileChanged');
    expect(await partition(hardshipKeys.file(missingFile).pk)).toStrictEqual([]);
    expect(await visitClaim(record.id)).toBeUndefined();
    expect(await rawAudit(missingFile)).toStrictEqual([]);
  });

  it('refuses staff beside the file or below it with 403 and a volunteer with 403, storing nothing', async () => {
    const scene = await fileScene();
    const volunteer = await freshUser({ roles: ['volunteer'] });
    const body = visit();
    const cases: [string, number, string][] = [
      [scene.besideStaff.token, 403, 'OUT_OF_SCOPE'],
      [scene.townStaff.token, 403, 'OUT_OF_SCOPE'],
      [volunteer.token, 403, 'FORBIDDEN'],
    ];
    for (const [token, status, code] of cases) {
      const answer = await post(token, scene.fileId, body);
      expect([answer.status, errorCode(answer)]).toStrictEqual([status, code]);
      const listed = await list(token, scene.fileId);
      expect([listed.status, errorCode(listed)]).toStrictEqual([status, code]);
    }
    await expectNothingStored(scene.fileId, body.id);
    // Staff above the file's node, and admins, act on it.
    await recorded(scene.rootStaff.token, scene.fileId, body);
    await recorded(scene.admin.token, scene.fileId, visit());
  });

  it('refuses a future visit date and a next visit not after it (or over a year later), storing nothing', async () => {
    const scene = await fileScene();
    const today = shanghaiDate(new Date());
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const tomorrowDate = tomorrow.toISOString().slice(0, 10);
    const bad = [
      visit({ visitedOn: tomorrowDate, nextVisitDue: '2099-01-01' }),
      visit({ visitedOn: '2026-03-10', nextVisitDue: '2026-03-09' }),
      visit({ visitedOn: '2026-03-10', nextVisitDue: '2026-03-10' }),
      // 2026-03-10 + 367 days
      visit({ visitedOn: '2026-03-10', nextVisitDue: '2027-03-12' }),
      visit({ householdSize: 0 }),
      visit({ annualIncomeFen: 100.5 }),
    ];
    for (const body of bad) {
      const answer = await post(scene.countyStaff.token, scene.fileId, body);
      expect([answer.status, errorCode(answer)], JSON.stringify(body)).toStrictEqual([
        400,
        'VALIDATION_FAILED',
      ]);
      await expectNothingStored(scene.fileId, body.id);
    }
    // 366 days later is the furthest allowed.
    await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2026-03-10', nextVisitDue: '2027-03-11' }),
    );
  });

  it('answers 404 for an unknown file and stores nothing', async () => {
    const scene = await hardshipScene();
    const fileId = newFileId();
    const body = visit();
    const answer = await post(scene.rootStaff.token, fileId, body);
    expect([answer.status, errorCode(answer)]).toStrictEqual([404, 'HARDSHIP_FILE_NOT_FOUND']);
    expect(await visitClaim(body.id)).toBeUndefined();
  });
});

describe('Handler: listHardshipVisits', () => {
  it('lists newest visit date first in pages of 20, with corrections known across pages', async () => {
    const scene = await fileScene();
    const original = await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2025-01-05', nextVisitDue: '2025-02-05' }),
    );
    const dates = Array.from(
      { length: 20 },
      (_, i) => `2025-${String(2 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 ? '20' : '10'}`,
    );
    for (const visitedOn of dates) {
      await recorded(scene.countyStaff.token, scene.fileId, visit({ visitedOn, nextVisitDue: '2026-01-31' }));
    }
    // The correction is the newest visit: it is on the first page, what it corrects on the second.
    const correction = await recorded(
      scene.countyStaff.token,
      scene.fileId,
      visit({ visitedOn: '2026-02-01', nextVisitDue: '2026-05-01', corrects: original.id }),
    );
    const first = await list(scene.countyStaff.token, scene.fileId);
    expect(first.status).toBe(200);
    const page1 = first.body as { visits: Visit[]; nextCursor: string | null };
    expect(page1.visits.length).toBe(20);
    expect(page1.visits[0]?.id).toBe(correction.id);
    expect(page1.nextCursor).not.toBeNull();
    const second = await list(scene.countyStaff.token, scene.fileId, { cursor: page1.nextCursor! });
    const page2 = second.body as { visits: Visit[]; nextCursor: string | null };
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.visits, ...page2.visits];
    expect(all.length).toBe(22);
    const visitedOn = all.map((v) => v.visitedOn);
    expect(visitedOn).toStrictEqual([...visitedOn].sort().reverse());
    expect(page2.visits.at(-1)).toStrictEqual({ ...withoutAlerts(original), correctedBy: [correction.id] });
  });

  it('refuses a cursor of another file’s listing with 400 BAD_CURSOR', async () => {
    const scene = await fileScene();
    const other = await filed(scene.countyStaff.token, draft(scene.county));
    for (let i = 0; i < 21; i += 1) {
      await recorded(scene.countyStaff.token, other.id, visit());
    }
    const { body } = await list(scene.countyStaff.token, other.id);
    const cursor = (body as { nextCursor: string }).nextCursor;
    const answer = await list(scene.countyStaff.token, scene.fileId, { cursor });
    expect([answer.status, errorCode(answer)]).toStrictEqual([400, 'BAD_CURSOR']);
  });

  it('answers 404 for an unknown file', async () => {
    const scene = await hardshipScene();
    const answer = await list(scene.rootStaff.token, newFileId());
    expect([answer.status, errorCode(answer)]).toStrictEqual([404, 'HARDSHIP_FILE_NOT_FOUND']);
  });
});
