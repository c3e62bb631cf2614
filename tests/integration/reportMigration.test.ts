import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { progressFileOf } from '../../functions/local/stageCommand';
import { ensureTable } from '../../functions/local/table';
import { db, tableName } from '../../functions/src/db/client';
import { type MigrationProgress, migrateReports } from '../../functions/src/services/reportMigration';
import { freshUser } from './fixtures';
import { runLocalScript } from './localScript';
import { filedReport, queue, report } from './problemCalls';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

/**
 * The one-off migration (`npm run migrate:reports`) on DynamoDB Local: items written here as the
 * per-report model and the invites of before issue 11 step 2 stored them (their keys spelled out
 * by hand, not taken from the code), and what the migration must leave, worked out by hand.
 */

async function raw(pk: string, sk: string, table = tableName) {
  return (await db.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;
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

/** An old open report of `noWater`, new and unanswered, with `overrides`. */
const oldReport = (overrides: Partial<OldReport> = {}): OldReport => ({
  id: reportId(),
  kind: 'noWater',
  state: 'new',
  text: '没水',
  note: null,
  createdAt: at(1),
  updatedAt: at(1),
  ...overrides,
});

/** An old report item as the per-report model wrote it (issue 11 step 1), with its old lock. */
async function putOldReport(
  station: { id: string; name: string; orgPath: string },
  old: OldReport,
  table = tableName,
) {
  const province = station.orgPath.split('/')[0];
  const open = old.state !== 'resolved';
  await db.send(
    new PutCommand({
      TableName: table,
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
        TableName: table,
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const at = (minute: number) => new Date(Date.UTC(2026, 6, 1, 2, minute)).toISOString();
const problemIdOf = (id: string) => `pb_${id.slice(3)}`;

// The report filed after the migration counts against today's quota.
atShanghaiNoon();

describe('npm run migrate:reports', () => {
  it('turns old reports into problems, resumes from its position, and a rerun changes nothing', async () => {
    const province = ownProvince();
    const station = await oldStation(province, 3);
    const olds: Record<string, OldReport> = {
      first: oldReport({ lockId: 'lk1' }),
      seen: oldReport({
        state: 'acknowledged',
        text: '还是没水',
        note: '已通知',
        createdAt: at(2),
        updatedAt: at(3),
      }),
      other: oldReport({ kind: 'dirty', text: '脏', createdAt: at(4), updatedAt: at(4) }),
      done: oldReport({
        state: 'resolved',
        text: '上月没水',
        note: '已修好',
        createdAt: at(0),
        updatedAt: at(5),
      }),
    };
    for (const old of Object.values(olds)) await putOldReport(station, old);
    const invite = await putOldInvite(at(6));

    // One page (the new reports), then on from where it stopped.
    const first = await migrateReports({ provinces: [province], maxPages: 1 });
    expect(first.progress).toStrictEqual({
      at: { step: 'reports', province, state: 'acknowledged' },
      skippedReports: [],
      unrecounted: [],
    } satisfies MigrationProgress);
    expect(first.counts).toMatchObject({ reports: 2, opened: 2, joined: 0 });
    const rest = await migrateReports({ provinces: [province], from: first.progress! });
    expect(rest.progress).toBeNull();
    expect(rest.counts).toMatchObject({ reports: 2, opened: 1, joined: 1 });
    // The invite step reads every invite in the table other files share, but theirs are written
    // with their mark in one transaction: the only one unmarked is this test's own old invite.
    expect(rest.counts.marked).toBe(1);

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
    expect(again).toMatchObject({ counts: { reports: 0, opened: 0, joined: 0 }, progress: null });
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
    const old = oldReport({ kind: 'unsafe', text: '旧的' });
    await putOldReport(station, old);

    const { counts, progress } = await migrateReports({ provinces: [province] });

    expect(counts).toMatchObject({ reports: 1, opened: 0, joined: 1 });
    expect(progress).toBeNull();
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
    const run = (...args: string[]) => migrateCli(tableName, progress, ...args);

    const trial = run('--pages', '1');
    expect(trial.status, trial.stderr).toBe(0);
    expect(JSON.parse(readFileSync(progress, 'utf8'))).toStrictEqual({
      at: { step: 'reports', province: '110000', state: 'acknowledged' },
      skippedReports: [],
      unrecounted: [],
    });
    expect(trial.stdout).toContain('尚未完成');

    const bad = run('--pages', 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--pages 应为正整数');
  }, 120_000);

  it('--recount refuses an empty list, names ids of no station and exits 1, and sets the rest', async () => {
    const progress = path.join(mkdtempSync(path.join(tmpdir(), 'migrate-')), 'position.json');
    for (const empty of ['', ',', ' , ']) {
      const refused = migrateCli(tableName, progress, '--recount', empty);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('--recount 需要至少一个驿站 id');
    }
    const malformed = migrateCli(tableName, progress, '--recount', 'STATION#x');
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('--recount 中不是驿站 id 的：STATION#x');

    // Counting 3 the old way, with no open problem: recounted to 0.
    const station = await oldStation(ownProvince(), 3);
    const nowhere = `st_${randomBytes(12).toString('hex')}`;
    const mixed = migrateCli(tableName, progress, '--recount', `${station.id},${nowhere}`);
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toContain(`表 ${tableName} 中没有这些驿站：${nowhere}`);
    expect(mixed.stdout).not.toContain('已全部重算');
    expect(await raw(`STATION#${station.id}`, 'STATION')).toMatchObject({ openReports: 0 });
    // An id of no station is not made into one.
    expect(await raw(`STATION#${nowhere}`, 'STATION')).toBeUndefined();

    const known = migrateCli(tableName, progress, '--recount', station.id);
    expect(known.status, known.stderr).toBe(0);
    expect(known.stdout).toContain('驿站的未处理问题数已全部重算');
  }, 120_000);
});

describe('Service: migrateReports, stations it could not recount', () => {
  it('recounts a station once per page, lists it once, keeps it in the progress, and a later run recounts it', async () => {
    const province = ownProvince();
    const station = await oldStation(province, 7);
    // Two open reports of the station in one page (the new queue), of two kinds: two problems.
    await putOldReport(station, oldReport({ kind: 'noWater' }));
    await putOldReport(station, oldReport({ kind: 'dirty', createdAt: at(2), updatedAt: at(2) }));
    // Every recount of the station meets a concurrent write.
    let recounts = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const text = JSON.stringify(args.input);
        if (/^TransactWrite/.test(context.commandName ?? '') && text.includes('SET openReports = :count')) {
          if (text.includes(`STATION#${station.id}`)) {
            recounts += 1;
            throw new TransactionCanceledException({
              message: 'Transaction cancelled (test)',
              $metadata: {},
              CancellationReasons: [{ Code: 'TransactionConflict' }],
            });
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'recountConflict' },
    );
    let first: Awaited<ReturnType<typeof migrateReports>>;
    try {
      first = await migrateReports({ provinces: [province], maxPages: 1 });
    } finally {
      db.middlewareStack.remove('recountConflict');
    }
    // Three tries for the page, not three per report; the station listed once.
    expect(recounts).toBe(3);
    expect(first.counts).toMatchObject({ reports: 2, opened: 2 });
    expect(first.progress).toStrictEqual({
      at: { step: 'reports', province, state: 'acknowledged' },
      skippedReports: [],
      unrecounted: [station.id],
    });
    expect(await raw(`STATION#${station.id}`, 'STATION')).toMatchObject({ openReports: 7 });

    // The next run reads no report of the station, yet recounts it from the progress, and is done.
    const rest = await migrateReports({ provinces: [province], from: first.progress! });
    expect(rest.counts).toMatchObject({ reports: 0 });
    expect(rest.progress).toBeNull();
    expect(await raw(`STATION#${station.id}`, 'STATION')).toMatchObject({ openReports: 2 });
  });
});

/** `npm run migrate:reports` as the operator runs it, against `table`, keeping its position in `progress`. */
const migrateCli = (table: string, progress: string, ...args: string[]) =>
  runLocalScript('migrateReports.ts', table, '--progress', progress, ...args);

const admin = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'cn-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
afterAll(() => admin.destroy());

/**
 * A table of its own holding one old open report of 北京 (a province the command reads, unlike the
 * `9xxxxx` ones above), so a whole run reads only what the test put there.
 */
async function tableWithOldReport(lockHolder?: string) {
  const table = `migrate-${randomBytes(4).toString('hex')}`;
  await ensureTable(admin, table);
  const station = { id: `st_${randomBytes(12).toString('hex')}`, name: '旧驿站', orgPath: '110000/110100' };
  const old = oldReport({ lockId: 'lk-cli' });
  await putOldReport(station, old, table);
  if (lockHolder) {
    // The lock held by another report: the release in the migration's transaction fails every time.
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { pk: 'LOCK#openReport#lk-cli', sk: 'LOCK', type: 'Lock', holder: lockHolder, version: 1 },
      }),
    );
  }
  return { table, old, progress: path.join(mkdtempSync(path.join(tmpdir(), 'migrate-')), 'position.json') };
}

describe('npm run migrate:reports: nothing left behind silently', () => {
  it('migrates a report whose note staff edited between the page read and the write, as it is now', async () => {
    const province = ownProvince();
    // Counting 5 the old way (reports since lost, say): the migration sets it to the one open problem.
    const station = await oldStation(province, 5);
    const old = oldReport({
      kind: 'dirty',
      state: 'acknowledged',
      text: '脏',
      note: '已通知',
      updatedAt: at(2),
    });
    await putOldReport(station, old);
    // Staff edit its note (as the old model wrote that) just before the migration's first write: it
    // stays in the queue the run has read past, so a report left unmigrated now stays so.
    let raced = false;
    db.middlewareStack.add(
      (next) => async (args) => {
        const first = 'TransactItems' in args.input ? args.input.TransactItems?.[0] : undefined;
        if (!raced && first && 'Update' in first && first.Update?.Key?.pk === `REPORT#${old.id}`) {
          raced = true;
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: `REPORT#${old.id}`, sk: 'REPORT' },
              UpdateExpression: 'SET note = :note, updatedAt = :at, version = :v',
              ExpressionAttributeValues: { ':note': '已安排保洁', ':at': at(7), ':v': 3 },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'staffRace' },
    );
    try {
      const { counts, progress } = await migrateReports({ provinces: [province] });
      expect(raced).toBe(true);
      expect(counts).toMatchObject({ opened: 1, joined: 0 });
      expect(progress).toBeNull();
    } finally {
      db.middlewareStack.remove('staffRace');
    }
    expect(await raw(`REPORT#${old.id}`, 'REPORT')).toMatchObject({ problemId: problemIdOf(old.id) });
    expect(await raw(`PROBLEM#${problemIdOf(old.id)}`, 'PROBLEM')).toMatchObject({
      state: 'acknowledged',
      note: '已安排保洁',
      handledAt: at(7),
      updatedAt: at(7),
    });
    expect(await raw(`STATION#${station.id}`, 'STATION')).toMatchObject({ openReports: 1 });
  });

  it('keeps a report it could not migrate in its progress: a resumed run tries it again, never says 全部完成 while it is left', async () => {
    const { table, old, progress } = await tableWithOldReport('rp_someoneelse');

    // A trial page reads the report and cannot migrate it: the page is passed, the id kept.
    const trial = migrateCli(table, progress, '--pages', '1');
    expect(trial.status, trial.stderr).toBe(0);
    expect(trial.stdout).toContain('尚未完成');
    expect(trial.stderr).toContain(`未迁移的旧反馈 1 条（一再被并发修改）：${old.id}`);
    expect(JSON.parse(readFileSync(progress, 'utf8'))).toStrictEqual({
      at: { step: 'reports', province: '110000', state: 'acknowledged' },
      skippedReports: [old.id],
      unrecounted: [],
    });

    // The plain run carries on past it, tries it again at the end, and still cannot.
    const stuck = migrateCli(table, progress);
    expect(stuck.status, stuck.stderr).toBe(1);
    expect(stuck.stderr).toContain(`未迁移的旧反馈 1 条（一再被并发修改）：${old.id}`);
    expect(stuck.stdout).toContain('并发修改跳过 1）');
    expect(stuck.stdout).not.toContain('全部完成');
    expect(JSON.parse(readFileSync(progress, 'utf8'))).toStrictEqual({
      at: null,
      skippedReports: [old.id],
      unrecounted: [],
    });
    expect(await raw(`REPORT#${old.id}`, 'REPORT', table)).toMatchObject({ state: 'new', version: 1 });

    // The other holder lets go: the next run tries the report from its progress and migrates it.
    await db.send(new DeleteCommand({ TableName: table, Key: { pk: 'LOCK#openReport#lk-cli', sk: 'LOCK' } }));
    const rerun = migrateCli(table, progress);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('新开问题 1，并入已有问题 0，并发修改跳过 0');
    expect(rerun.stdout).toContain('全部完成');
    expect(existsSync(progress)).toBe(false);
    expect(await raw(`REPORT#${old.id}`, 'REPORT', table)).toMatchObject({ problemId: problemIdOf(old.id) });
  }, 240_000);

  it('refuses a progress file it cannot read back, touching nothing, until --restart', async () => {
    const { table, old, progress } = await tableWithOldReport();
    for (const content of ['{"step":"reports","prov', JSON.stringify({ province: '110000' })]) {
      writeFileSync(progress, content);
      const refused = migrateCli(table, progress);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`进度文件 ${progress} 无法读取`);
      expect(refused.stderr).toContain('加 --restart');
      expect(await raw(`REPORT#${old.id}`, 'REPORT', table)).toMatchObject({ state: 'new', version: 1 });
    }
    const restarted = migrateCli(table, progress, '--restart');
    expect(restarted.status, restarted.stderr).toBe(0);
    expect(restarted.stdout).toContain('全部完成');
    expect(await raw(`REPORT#${old.id}`, 'REPORT', table)).toMatchObject({ problemId: problemIdOf(old.id) });
    expect(existsSync(progress)).toBe(false);
  }, 240_000);

  it('keys the progress file by command, stage, region, table and endpoint, a deployed stage’s outside .local', () => {
    const root = path.resolve(__dirname, '../..');
    const prod = { stage: 'prod', region: 'cn-north-1', tableName: 'ankang-prod' };
    expect(progressFileOf('migrate-reports', prod)).toMatch(
      new RegExp(
        `^${escapeRegExp(path.join(root, '.progress', 'migrate-reports-prod-ankang-prod-'))}[0-9a-f]{12}\\.json$`,
      ),
    );
    expect(
      progressFileOf('backfill', { stage: 'local', region: 'cn-north-1', tableName: 'ankang-local' }),
    ).toMatch(
      new RegExp(`^${escapeRegExp(path.join(root, '.local', 'progress', 'backfill-local-ankang-local-'))}`),
    );
    const files = new Set([
      progressFileOf('backfill', prod),
      progressFileOf('backfill', { ...prod, tableName: 'ankang-prod-copy' }),
      progressFileOf('backfill', { ...prod, stage: 'staging' }),
      progressFileOf('backfill', { ...prod, region: 'cn-northwest-1' }),
      progressFileOf('backfill', { ...prod, endpoint: 'http://127.0.0.1:8000' }),
      progressFileOf('backfill', { ...prod, endpoint: 'http://127.0.0.1:8001' }),
      progressFileOf('migrate-reports', prod),
      // Parts that read alike when joined by '-'.
      progressFileOf('backfill', { ...prod, stage: 'prod', tableName: 'x-y' }),
      progressFileOf('backfill', { ...prod, stage: 'prod-x', tableName: 'y' }),
    ]);
    expect(files.size).toBe(9);
  });

  it('keeps its progress where progressFileOf says when no --progress is given, and removes it when done', async () => {
    const { table, old } = await tableWithOldReport();
    const endpoint = process.env.DYNAMODB_ENDPOINT!;
    const expected = progressFileOf('migrate-reports', {
      stage: 'local',
      region: 'cn-north-1',
      tableName: table,
      endpoint,
    });
    const dir = path.resolve(__dirname, '../../.local/progress');
    const run = (...args: string[]) => runLocalScript('migrateReports.ts', table, ...args);
    try {
      const trial = run('--pages', '1');
      expect(trial.status, trial.stderr).toBe(0);
      // The one file of this table in .local/progress, named by its parts and a hash.
      expect(readdirSync(dir).filter((name) => name.includes(table))).toStrictEqual([
        path.basename(expected),
      ]);
      expect(path.dirname(expected)).toBe(dir);
      expect(JSON.parse(readFileSync(expected, 'utf8'))).toMatchObject({
        skippedReports: [],
        unrecounted: [],
      });
      const rest = run();
      expect(rest.status, rest.stderr).toBe(0);
      expect(rest.stdout).toContain('从上次的位置继续：110000 acknowledged');
      expect(rest.stdout).toContain('全部完成');
      expect(readdirSync(dir).filter((name) => name.includes(table))).toStrictEqual([]);
      expect(await raw(`REPORT#${old.id}`, 'REPORT', table)).toMatchObject({
        problemId: problemIdOf(old.id),
      });
    } finally {
      rmSync(expected, { force: true });
    }
  }, 240_000);
});
