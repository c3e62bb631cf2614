import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { type MigrationPosition, migrateReports } from '../../functions/src/services/reportMigration';
import { freshUser } from './fixtures';
import { filedReport, queue, report } from './problemCalls';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

/**
 * The one-off migration (`npm run migrate:reports`) on DynamoDB Local: items written here as the
 * per-report model and the invites of before issue 11 step 2 stored them (their keys spelled out
 * by hand, not taken from the code), and what the migration must leave, worked out by hand.
 */

async function raw(pk: string, sk: string) {
  return (await db.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true })))
    .Item;
}

/** A province code of the test's own, so the old queues it reads hold only its items. */
const ownProvince = () => `9${String(randomInt(100_000)).padStart(5, '0')}`;
const reportId = () => `rp_${randomBytes(12).toString('hex')}`;

interface OldReport {
  id: string;
  kind: string;
  state: 'new' | 'acknowledged' | 'resolved';
  text: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  lockId?: string;
}

/** An old report item as the per-report model wrote it (issue 11 step 1), with its old lock. */
async function putOldReport(station: { id: string; name: string; orgPath: string }, old: OldReport) {
  const province = station.orgPath.split('/')[0];
  const open = old.state !== 'resolved';
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: `REPORT#${old.id}`,
        sk: 'REPORT',
        gsi1pk: `RPT#${old.state}#${province}`,
        gsi1sk: `${station.orgPath}/#${old.createdAt}#${old.id}`,
        ...(open ? { gsi2pk: `STN_RPT#${station.id}`, gsi2sk: `${old.createdAt}#${old.id}` } : {}),
        type: 'StationReport',
        id: old.id,
        stationId: station.id,
        stationName: station.name,
        orgPath: station.orgPath,
        kind: old.kind,
        text: old.text,
        state: old.state,
        note: old.note,
        createdAt: old.createdAt,
        updatedAt: old.updatedAt,
        version: old.state === 'new' ? 1 : 2,
        ...(old.lockId ? { lockId: old.lockId } : {}),
      },
    }),
  );
  if (old.lockId) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: `LOCK#openReport#${old.lockId}`, sk: 'LOCK', type: 'Lock', holder: old.id, version: 1 },
      }),
    );
  }
}

/** An invite from before the lasting mark: its item only. */
async function putOldInvite(createdAt: string): Promise<string> {
  const id = randomBytes(16).toString('hex');
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: `INVITE#${id}`,
        sk: 'INVITE',
        type: 'Invite',
        id,
        role: 'staff',
        orgPath: '320000/320500/320582',
        orgName: '张家港市总工会',
        state: 'accepted',
        createdBy: { userId: 'u_old', name: '旧管理员' },
        createdAt,
        expiresAt: Math.floor(Date.now() / 1000) + 86_400,
        contentHash: 'old',
        version: 2,
      },
    }),
  );
  return id;
}

/** A station of the province, open, counting `openReports` the old way (one per open report). */
async function oldStation(province: string, openReports: number) {
  const station = await storedStation({ orgPath: `${province}/${province.slice(0, 4)}00` });
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `STATION#${station.id}`, sk: 'STATION' },
      UpdateExpression: 'SET openReports = :n',
      ExpressionAttributeValues: { ':n': openReports },
    }),
  );
  return station;
}

const at = (minute: number) => new Date(Date.UTC(2026, 6, 1, 2, minute)).toISOString();
const problemIdOf = (id: string) => `pb_${id.slice(3)}`;

// The report filed after the migration counts against today's quota.
atShanghaiNoon();

describe('npm run migrate:reports', () => {
  it('turns old reports into problems, resumes from its position, and a rerun changes nothing', async () => {
    const province = ownProvince();
    const station = await oldStation(province, 3);
    const olds: Record<string, OldReport> = {
      first: {
        id: reportId(),
        kind: 'noWater',
        state: 'new',
        text: '没水',
        note: null,
        createdAt: at(1),
        updatedAt: at(1),
        lockId: 'lk1',
      },
      seen: {
        id: reportId(),
        kind: 'noWater',
        state: 'acknowledged',
        text: '还是没水',
        note: '已通知',
        createdAt: at(2),
        updatedAt: at(3),
      },
      other: {
        id: reportId(),
        kind: 'dirty',
        state: 'new',
        text: '脏',
        note: null,
        createdAt: at(4),
        updatedAt: at(4),
      },
      done: {
        id: reportId(),
        kind: 'noWater',
        state: 'resolved',
        text: '上月没水',
        note: '已修好',
        createdAt: at(0),
        updatedAt: at(5),
      },
    };
    for (const old of Object.values(olds)) await putOldReport(station, old);
    const invite = await putOldInvite(at(6));

    // One page (the new reports), then on from where it stopped.
    const first = await migrateReports({ provinces: [province], maxPages: 1 });
    expect(first.next).toStrictEqual({
      step: 'reports',
      province,
      state: 'acknowledged',
    } satisfies MigrationPosition);
    expect(first.counts).toMatchObject({ reports: 2, opened: 2, joined: 0, skipped: 0 });
    const rest = await migrateReports({ provinces: [province], from: first.next! });
    expect(rest.next).toBeNull();
    expect(rest.counts).toMatchObject({ reports: 2, opened: 1, joined: 1, skipped: 0 });
    expect(rest.counts.marked).toBeGreaterThanOrEqual(1);

    const { first: a, seen: b, other: c, done: d } = olds;
    const common = {
      type: 'StationProblem',
      stationId: station.id,
      stationName: station.name,
      orgPath: station.orgPath,
    };
    expect(await raw(`PROBLEM#${problemIdOf(a!.id)}`, 'PROBLEM')).toMatchObject({
      ...common,
      id: problemIdOf(a!.id),
      kind: 'noWater',
      state: 'acknowledged',
      note: '已通知',
      reportCount: 2,
      recent: [
        { id: b!.id, text: '还是没水', createdAt: at(2), photoIds: [] },
        { id: a!.id, text: '没水', createdAt: at(1), photoIds: [] },
      ],
      openedAt: at(1),
      lastReportedAt: at(2),
      handledAt: at(3),
      updatedAt: at(3),
      version: 2,
      gsi1pk: `RPQ#acknowledged#noWater#${province}`,
      gsi2pk: `RPQ#acknowledged#noWater#${station.orgPath}`,
    });
    expect(await raw(`PROBLEM#${problemIdOf(c!.id)}`, 'PROBLEM')).toMatchObject({
      ...common,
      kind: 'dirty',
      state: 'new',
      note: null,
      reportCount: 1,
      handledAt: null,
      version: 1,
    });
    expect(await raw(`PROBLEM#${problemIdOf(d!.id)}`, 'PROBLEM')).toMatchObject({
      ...common,
      kind: 'noWater',
      state: 'resolved',
      note: '已修好',
      reportCount: 1,
      openedAt: at(0),
      handledAt: at(5),
      version: 1,
    });
    expect(await raw(`STATION#${station.id}`, 'OPENPROBLEM#noWater')).toMatchObject({
      problemId: problemIdOf(a!.id),
    });
    expect(await raw(`STATION#${station.id}`, 'OPENPROBLEM#dirty')).toMatchObject({
      problemId: problemIdOf(c!.id),
    });
    // The station counts open problems now: two, not three reports.
    expect(await raw(`STATION#${station.id}`, 'STATION')).toMatchObject({ openReports: 2 });
    // Each old report names its problem and has left the old queue and the station's open list.
    for (const [old, problem] of [
      [a, a],
      [b, a],
      [c, c],
      [d, d],
    ] as const) {
      const item = await raw(`REPORT#${old!.id}`, 'REPORT');
      expect(item).toMatchObject({ problemId: problemIdOf(problem!.id), reporter: '-', photoIds: [] });
      expect(
        Object.keys(item!).filter((key) => /^gsi|^state$|^lockId$|^orgPath$|^note$/.test(key)),
      ).toStrictEqual([]);
    }
    expect(await raw('LOCK#openReport#lk1', 'LOCK')).toBeUndefined();
    expect(await raw(`INVITE#${invite}`, 'ISSUED')).toMatchObject({ type: 'InviteIssued', createdAt: at(6) });

    // The staff queues show them; a report filed now joins the migrated open problem.
    const staff = await freshUser({ roles: ['staff'], orgPath: province });
    for (const [state, ids] of [
      ['new', [c]],
      ['acknowledged', [a]],
      ['resolved', [d]],
    ] as const) {
      expect((await queue(staff.token, { state })).problems.map((p) => p.id)).toStrictEqual(
        ids.map((old) => problemIdOf(old!.id)),
      );
    }
    const late = filedReport(
      await report((await freshUser()).token, station.id, {
        kind: 'noWater',
        requestId: crypto.randomUUID(),
      }),
    );
    expect(late).toMatchObject({ problemId: problemIdOf(a!.id), state: 'acknowledged' });

    // A rerun from the start finds nothing left to do and changes nothing.
    const before = await raw(`PROBLEM#${problemIdOf(a!.id)}`, 'PROBLEM');
    const again = await migrateReports({ provinces: [province] });
    expect(again.counts).toMatchObject({ reports: 0, opened: 0, joined: 0, skipped: 0 });
    expect(await raw(`PROBLEM#${problemIdOf(a!.id)}`, 'PROBLEM')).toStrictEqual(before);
    expect(await raw(`INVITE#${invite}`, 'ISSUED')).toMatchObject({ createdAt: at(6) });
  });

  it('joins an old report to a problem the new code opened after the deploy', async () => {
    const province = ownProvince();
    const station = await oldStation(province, 1);
    const filed = filedReport(
      await report((await freshUser()).token, station.id, {
        kind: 'unsafe',
        text: '电线',
        requestId: crypto.randomUUID(),
      }),
    );
    const old: OldReport = {
      id: reportId(),
      kind: 'unsafe',
      state: 'new',
      text: '旧的',
      note: null,
      createdAt: at(1),
      updatedAt: at(1),
    };
    await putOldReport(station, old);

    const { counts } = await migrateReports({ provinces: [province] });

    expect(counts).toMatchObject({ reports: 1, opened: 0, joined: 1, skipped: 0 });
    expect(await raw(`PROBLEM#${filed.problemId}`, 'PROBLEM')).toMatchObject({
      reportCount: 2,
      openedAt: at(1),
      version: 2,
      recent: [
        expect.objectContaining({ id: filed.id }),
        { id: old.id, text: '旧的', createdAt: at(1), photoIds: [] },
      ],
    });
    // Old count 1 (the old report) + 1 (the new problem): one open problem.
    expect(await raw(`STATION#${station.id}`, 'STATION')).toMatchObject({ openReports: 1 });
  });

  it('runs as the npm command, keeping its position in a file between runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrate-'));
    const progress = path.join(dir, 'position.json');
    const run = (...args: string[]) =>
      spawnSync(
        'npx',
        [
          'tsx',
          'functions/local/migrateReports.ts',
          '--stage',
          'local',
          '--table',
          tableName,
          '--progress',
          progress,
          '--endpoint',
          process.env.DYNAMODB_ENDPOINT!,
          ...args,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );

    const trial = run('--pages', '1');
    expect(trial.status, trial.stderr).toBe(0);
    expect(JSON.parse(readFileSync(progress, 'utf8'))).toStrictEqual({
      step: 'reports',
      province: '110000',
      state: 'acknowledged',
    });
    expect(trial.stdout).toContain('尚未完成');

    const bad = run('--pages', 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--pages 应为正整数');
  });
});
