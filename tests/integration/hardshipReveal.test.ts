import type { HardshipAuditEvent, HouseholdFile } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { freshUser } from './fixtures';
import {
  audit,
  draft,
  filed,
  get,
  hardshipScene,
  idNumberEndingInX,
  lines,
  rawAudit,
  reveal,
  setLine,
} from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

const tick = () => vi.setSystemTime(new Date(Date.now() + 1000));

describe('Handler: revealHardshipFile', () => {
  it('refuses a missing, blank or one-character reason with 400 and records nothing', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    for (const given of [{}, { reason: '' }, { reason: '   ' }, { reason: '看' }, { reason: '\u200b看' }]) {
      const answer = await reveal(scene.townStaff.token, body.id, given);
      expect(answer.status, JSON.stringify(given)).toBe(400);
      expect(answer.body).toMatchObject({
        error: { code: 'REVEAL_REASON_REQUIRED', message: '查看完整信息须填写原因' },
      });
    }
    expect((await rawAudit(body.id)).map((event) => event.action)).toStrictEqual(['createFile']);
  });

  it('answers the full number, phone and address with a reason, after recording who and why', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town, { idNumber: idNumberEndingInX() });
    await filed(scene.townStaff.token, body);
    tick();
    const answer = await reveal(scene.townStaff.token, body.id, { reason: ' 核对低保申请材料 ' });
    expect(answer).toStrictEqual({
      status: 200,
      body: { idNumber: body.idNumber, phone: body.phone, address: body.address },
    });
    const events = await rawAudit(body.id);
    expect(events.map((event) => [event.action, event.actorUserId, event.reason])).toStrictEqual([
      ['createFile', scene.townStaff.userId, undefined],
      ['revealHousehold', scene.townStaff.userId, '核对低保申请材料'],
    ]);
  });

  it('refuses staff beside, unknown files and volunteers, recording nothing', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const reason = { reason: '核对信息' };
    expect(await reveal(scene.besideStaff.token, body.id, reason)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const volunteer = await freshUser({ roles: ['volunteer'], orgPath: scene.town });
    expect(await reveal(volunteer.token, body.id, reason)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect((await rawAudit(body.id)).length).toBe(1);
  });

  it('stops one person at 100 reveals a day with 429, the refused one unrecorded', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    for (let i = 0; i < 100; i += 1) {
      expect((await reveal(scene.townStaff.token, body.id, { reason: `第 ${i} 次核对` })).status).toBe(200);
    }
    const refused = await reveal(scene.townStaff.token, body.id, { reason: '再次核对' });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect((await rawAudit(body.id)).length).toBe(101);
    // Another person's allowance is their own.
    expect((await reveal(scene.countyStaff.token, body.id, { reason: '上级核对' })).status).toBe(200);
  });
});

describe('Handler: listHardshipAudit', () => {
  it('shows a file’s trail newest first to supervisors only', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const filedAt = new Date().toISOString();
    tick();
    await reveal(scene.townStaff.token, body.id, { reason: '核对低保申请材料' });
    const expected: HardshipAuditEvent[] = [
      {
        id: expect.stringMatching(/^ev_/) as unknown as string,
        action: 'revealHousehold',
        actionLabel: '查看完整信息',
        actorName: '测试用户',
        reason: '核对低保申请材料',
        at: new Date().toISOString(),
      },
      {
        id: expect.stringMatching(/^ev_/) as unknown as string,
        action: 'createFile',
        actionLabel: '建档',
        actorName: '测试用户',
        at: filedAt,
      },
    ];
    for (const supervisor of [scene.countyStaff, scene.rootStaff, scene.admin]) {
      expect(await audit(supervisor.token, body.id)).toStrictEqual({
        status: 200,
        body: { events: expected, nextCursor: null },
      });
    }
    expect(await audit(scene.townStaff.token, body.id)).toStrictEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '仅上级工会可查看访问记录' } },
    });
    expect(await audit(scene.besideStaff.token, body.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
  });
});

describe('Handler: poverty lines', () => {
  it('inherits the deepest line in force today and lists a node’s chain newest first', async () => {
    const scene = await hardshipScene();
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const set = async (orgPath: string, effectiveFrom: string, monthlyFen: number) => {
      tick();
      const answer = await setLine(scene.admin.token, { orgPath, effectiveFrom, monthlyFen });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body;
    };
    const rootOld = await set(scene.root, '2025-01-01', 100_000);
    const rootFuture = await set(scene.root, tomorrow, 500_000);
    const county = await set(scene.county, '2025-07-01', 110_000);
    expect(county).toStrictEqual({
      orgPath: scene.county,
      orgName: '测试县工会',
      monthlyFen: 110_000,
      effectiveFrom: '2025-07-01',
      setByName: '测试用户',
      setAt: new Date().toISOString(),
    });

    // The town inherits the county's ¥1,100; ¥1,250 a head is below twice it: 相对困难.
    const inTown = await filed(scene.townStaff.token, draft(scene.town));
    expect([inTown.povertyLine, inTown.suggestedCategory]).toStrictEqual([
      { monthlyFen: 110_000, effectiveFrom: '2025-07-01', orgPath: scene.county, orgName: '测试县工会' },
      'relative',
    ]);
    // Beside the county only the root's line applies, and tomorrow's is not in force yet:
    // ¥12,000 a year for two is ¥500 a head, below ¥1,000: 深度困难.
    const poor = draft(scene.beside, {
      income: { annualIncomeFen: 1_200_000, annualFixedSpendingFen: 0, medicalAccidentCostsFen: 0 },
    });
    const beside = await filed(scene.besideStaff.token, poor);
    expect([beside.povertyLine?.monthlyFen, beside.suggestedCategory]).toStrictEqual([100_000, 'deep']);

    expect(await lines(scene.townStaff.token, { orgPath: scene.town })).toStrictEqual({
      status: 200,
      body: { lines: [county, rootFuture, rootOld] },
    });
  });

  it('treats the same line again as a no-op and a new amount for a date as an audited overwrite', async () => {
    const scene = await hardshipScene();
    const line = { orgPath: scene.county, effectiveFrom: '2026-01-01', monthlyFen: 120_000 };
    const first = await setLine(scene.countyStaff.token, line);
    tick();
    expect(await setLine(scene.countyStaff.token, line)).toStrictEqual(first);
    tick();
    const changed = await setLine(scene.countyStaff.token, { ...line, monthlyFen: 125_000 });
    expect(changed).toMatchObject({
      status: 200,
      body: { monthlyFen: 125_000, setAt: new Date().toISOString() },
    });
    const events = await rawAudit(`POVERTY#${scene.county}`);
    expect(events.map((event) => [event.action, event.actorUserId])).toStrictEqual([
      ['setPovertyLine', scene.countyStaff.userId],
      ['setPovertyLine', scene.countyStaff.userId],
    ]);
    const file = (
      await get(scene.countyStaff.token, (await filed(scene.countyStaff.token, draft(scene.county))).id)
    ).body as HouseholdFile;
    expect(file.povertyLine?.monthlyFen).toBe(125_000);
  });

  it('refuses a line above the caller with 403 and a zero amount with 400, storing nothing', async () => {
    const scene = await hardshipScene();
    const above = await setLine(scene.townStaff.token, {
      orgPath: scene.county,
      effectiveFrom: '2026-01-01',
      monthlyFen: 1,
    });
    expect(above).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    const zero = await setLine(scene.townStaff.token, {
      orgPath: scene.town,
      effectiveFrom: '2026-01-01',
      monthlyFen: 0,
    });
    expect(zero).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await lines(scene.townStaff.token, {})).toStrictEqual({ status: 200, body: { lines: [] } });
  });
});
