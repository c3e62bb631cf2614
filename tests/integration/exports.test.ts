import { randomUUID } from 'node:crypto';
import type { DeliveryDashboard, DeliveryExport } from '@ankang/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import { type QueuedMessage, sqsEventOf, startFakeSqs } from '../../functions/local/fakeSqs';
import { httpEvent, invoke } from '../support/events';

// The export service reads its settings when its modules load: point its job queue at the local
// stand-in for SQS and lower the in-request limit to a few rows (pages of 3) before anything imports it.
let consume = async (_message: QueuedMessage) => {};
/** While set, the queue refuses every message (SQS unreachable or the queue gone). */
let queueDown = false;
const queue = await startFakeSqs(() => (queueDown ? undefined : (message) => consume(message)));
const exportQueue = 'ankang-local-export-jobs';
Object.assign(process.env, {
  SQS_ENDPOINT: queue.url,
  EXPORT_QUEUE_URL: `${queue.url}/000000000000/${exportQueue}`,
  EXPORT_INLINE_MAX_ROWS: '5',
  EXPORT_PAGE_SIZE: '3',
});
const { dashboard, deliveryScene, draftAt, noonOf, post, review, storedDelivery } = await import(
  './deliveryFixtures'
);
const { db, tableName } = await import('../../functions/src/db/client');
const { deliveryToItem } = await import('../../functions/src/db/deliveryItems');
const { day } = await import('./assignmentFixtures');
const { freshUser } = await import('./fixtures');
const { getCode, hand, handoutId, handoutScene } = await import('./handoutFixtures');
const { handler: createExport } = await import('../../functions/src/handlers/createDeliveryExport');
const { handler: getExport } = await import('../../functions/src/handlers/getDeliveryExport');
const { handler: runJob } = await import('../../functions/src/handlers/runDeliveryExport');
const { getExportById } = await import('../../functions/src/db/exports');
const { exportIdFor } = await import('../../functions/src/services/deliveryExports');

afterAll(() => queue.close());

type Scene = Awaited<ReturnType<typeof deliveryScene>>;

const evilNote = '=HYPERLINK("http://evil.example","点我")';
const evilSite = "=cmd|' /C calc'!A0";
const waterFen = 2400;

/**
 * A county scene with `count` deliveries made yesterday noon (never in the future, whatever the
 * hour): alternately by the county volunteer at the county site and the town volunteer at the town
 * site, delivery i bringing i + 1 cases of water to 10 + i people. The first carries a note and the
 * second an ad-hoc site name that would run as formulas; with `review`, the first is approved and
 * the second rejected.
 */
async function sceneWith(count: number, options: { review?: boolean } = {}) {
  const scene = await deliveryScene();
  const drafts = Array.from({ length: count }, (_, i) => {
    const byCounty = i % 2 === 0;
    return {
      token: byCounty ? scene.volunteerA.token : scene.volunteerB.token,
      draft: draftAt(scene, byCounty ? scene.taskA : scene.taskB, {
        items: [{ code: 'water', quantity: i + 1 }],
        peopleReached: 10 + i,
        deliveredAt: noonOf(-1),
        ...(i === 0 ? { notes: evilNote } : {}),
        ...(i === 1
          ? { site: { type: 'adHoc', name: evilSite, address: '测试镇南街口', orgPath: scene.town } }
          : {}),
      }),
    };
  });
  for (const { token, draft } of drafts) expect((await post(token, draft)).status).toBe(201);
  if (options.review && count >= 2) {
    await review(scene.staff.token, drafts[0]!.draft.id, { version: 1, decision: 'approve' });
    await review(scene.staff.token, drafts[1]!.draft.id, {
      version: 1,
      decision: 'reject',
      comment: '重复记录',
    });
  }
  const rejected = options.review ? 1 : -1;
  const counted = drafts.map((_, i) => i).filter((i) => i !== rejected);
  return {
    scene,
    ids: drafts.map(({ draft }) => draft.id),
    // The figures the report must show, from the test's own inputs.
    expected: {
      deliveries: counted.length,
      people: counted.reduce((sum, i) => sum + 10 + i, 0),
      moneyFen: counted.reduce((sum, i) => sum + (i + 1) * waterFen, 0),
    },
  };
}

const create = (token: string, campaignId: string, body: Record<string, unknown>) =>
  invoke(
    createExport,
    httpEvent({
      method: 'POST',
      path: `/staff/campaigns/${campaignId}/exports`,
      token,
      params: { id: campaignId },
      body,
    }),
  );
const read = (token: string, id: string) =>
  invoke(getExport, httpEvent({ path: `/staff/exports/${id}`, token, params: { id } }));

const jobContext = (remaining: () => number) =>
  ({ awsRequestId: 'job', getRemainingTimeInMillis: remaining }) as never;

async function download(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    disposition: response.headers.get('content-disposition'),
    type: response.headers.get('content-type'),
  };
}

type Cell = string | number | boolean | Date | null;

/** The rows of a summary section: after its title and column header, up to the next blank row. */
function section(rows: Cell[][], title: string): Cell[][] {
  const start = rows.findIndex((row) => row[0] === title);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const body: Cell[][] = [];
  for (const row of rows.slice(start + 2)) {
    const cells = row.filter((cell) => cell !== null && cell !== '');
    if (cells.length === 0) break;
    body.push(cells);
  }
  return body;
}

const detailHeader = [
  '日期',
  '时间',
  '记录类型',
  '类别',
  '物资及数量',
  '人次',
  '金额(元)',
  '志愿者/发放人',
  '地点',
  '地址',
  '所属组织',
  '审核状态',
  '审核意见',
  '标记',
  '备注',
  '记录编号',
];
const column = (name: string) => detailHeader.indexOf(name);

/** Non-rejected detail rows counted by the test: what the totals must be. */
function recountDetail(rows: Cell[][]) {
  const counted = rows.filter((row) => row[column('审核状态')] !== '未通过');
  return {
    deliveries: counted.filter((row) => row[column('记录类型')] === '配送').length,
    people: counted.reduce((sum, row) => sum + Number(row[column('人次')]), 0),
    moneyFen: Math.round(counted.reduce((sum, row) => sum + Number(row[column('金额(元)')]) * 100, 0)),
  };
}

async function dashboardOf(token: string, campaignId: string): Promise<DeliveryDashboard> {
  const answer = await dashboard(token, campaignId);
  expect(answer.status).toBe(200);
  return answer.body as DeliveryDashboard;
}

async function waitUntilDone(token: string, id: string): Promise<DeliveryExport> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answer = await read(token, id);
    expect(answer.status).toBe(200);
    const body = answer.body as DeliveryExport;
    if (body.status !== 'running' || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The export queue's message for this export, as the job's consumer receives it. */
const exportMessage = (exportId: string, body = JSON.stringify({ job: 'export', exportId })) =>
  sqsEventOf({ queueName: exportQueue, messageId: randomUUID(), body, receiveCount: 1 });

/** Runs the export job (with ample time) for every message queued, as Lambda's event source would. */
function consumeQueue(): void {
  consume = async (message) => {
    const { batchItemFailures } = await runJob(
      sqsEventOf(message),
      jobContext(() => 600_000),
    );
    if (batchItemFailures.length > 0) throw new Error('the export job reported its message failed');
  };
}

/** The messages queued since `before`: queue and body. */
const queuedSince = (before: number) =>
  queue.sent.slice(before).map((message) => [message.queueName, JSON.parse(message.body)]);

const fileNameOf = (scene: Scene, format: string) =>
  `${scene.campaign.title.replace(/\s+/g, '')}-配送报表-${day(0).replaceAll('-', '')}.${format}`;

describe('Handler: createDeliveryExport (in the request)', () => {
  it('writes a small XLSX at once: it opens, its summary is the dashboard and its detail recounts to it', async () => {
    const { scene, ids, expected } = await sceneWith(4, { review: true });
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'xlsx',
    });
    expect(answer.status).toBe(201);
    const body = answer.body as DeliveryExport;
    expect({ ...body, id: '', url: '', expiresAt: '' }).toStrictEqual({
      id: '',
      status: 'ready',
      format: 'xlsx',
      progress: { rows: 4, total: 4 },
      url: '',
      fileName: fileNameOf(scene, 'xlsx'),
      expiresAt: '',
    });
    expect(queue.sent.length, 'no job for a small export').toBe(0);

    const file = await download(body.url!);
    expect(file.disposition).toContain(encodeURIComponent(fileNameOf(scene, 'xlsx')));
    const sheets = await readXlsxFile(file.bytes);
    expect(sheets.map((sheet) => sheet.sheet)).toStrictEqual(['汇总', '明细']);
    const [summary, detail] = sheets.map((sheet) => sheet.data as Cell[][]);

    const figures = await dashboardOf(scene.staff.token, scene.campaign.id);
    const { totals, byStatus } = figures;
    expect(totals).toStrictEqual({ ...expected, handouts: 0 });
    expect(section(summary!, '总计')).toStrictEqual([
      [totals.deliveries, totals.handouts, totals.people, totals.moneyFen / 100],
    ]);
    expect(section(summary!, '审核状态（配送次数）')).toStrictEqual([
      [byStatus.pending, byStatus.approved, byStatus.needsChanges, byStatus.rejected],
    ]);
    expect(section(summary!, '按类别')).toStrictEqual(
      figures.byKind.map((kind) => [kind.name, kind.deliveries, kind.people, kind.moneyFen / 100]),
    );
    expect(section(summary!, '按物资')).toStrictEqual([
      ['送清凉', '矿泉水', '箱', 1 + 3 + 4, expected.moneyFen / 100],
    ]);

    expect(detail![0]).toStrictEqual(detailHeader);
    const rows = detail!.slice(1);
    expect(rows.map((row) => row[column('记录编号')]).sort()).toStrictEqual([...ids].sort());
    expect(recountDetail(rows)).toStrictEqual(expected);
    const first = rows.find((row) => row[column('记录编号')] === ids[0])!;
    expect([first[column('日期')], first[column('审核状态')], first[column('物资及数量')]]).toStrictEqual([
      day(-1),
      '已通过',
      '矿泉水 1箱',
    ]);
    // Text that would run as a formula comes out as text, with a leading quote.
    expect(first[column('备注')]).toBe(`'${evilNote}`);
    const second = rows.find((row) => row[column('记录编号')] === ids[1])!;
    expect([second[column('地点')], second[column('审核状态')], second[column('审核意见')]]).toStrictEqual([
      `'${evilSite}`,
      '未通过',
      '重复记录',
    ]);
  });

  it('writes the detail as CSV: UTF-8 with a BOM, neutralised, recounting to the dashboard', async () => {
    const { scene, ids, expected } = await sceneWith(3);
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    });
    expect(answer.status).toBe(201);
    const body = answer.body as DeliveryExport;
    expect([body.status, body.fileName, body.progress]).toStrictEqual([
      'ready',
      fileNameOf(scene, 'csv'),
      { rows: 3, total: 3 },
    ]);
    const file = await download(body.url!);
    expect(file.type).toMatch(/^text\/csv/);
    expect([...file.bytes.subarray(0, 3)]).toStrictEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text) as string[][];
    expect(header).toStrictEqual(detailHeader);
    expect(rows.map((row) => row[column('记录编号')]).sort()).toStrictEqual([...ids].sort());
    expect(recountDetail(rows)).toStrictEqual(expected);
    expect((await dashboardOf(scene.staff.token, scene.campaign.id)).totals).toStrictEqual({
      ...expected,
      handouts: 0,
    });
    expect(rows.find((row) => row[column('记录编号')] === ids[0])![column('备注')]).toBe(`'${evilNote}`);
    expect(rows.find((row) => row[column('记录编号')] === ids[1])![column('地点')]).toBe(`'${evilSite}`);
    expect(rows.find((row) => row[column('记录编号')] === ids[2])![column('金额(元)')]).toBe('72.00');
  });

  it('puts 清凉码 hand-outs in the report beside the deliveries, counted as the dashboard counts them', async () => {
    const s = await handoutScene();
    const delivery = {
      id: `dl_${randomUUID().replace(/-/g, '')}`,
      campaignId: s.campaign.id,
      site: { type: 'adHoc', name: '测试县环卫所', address: '测试县人民路 1 号', orgPath: s.county },
      kind: 'cool',
      items: [{ code: 'water', quantity: 3 }],
      peopleReached: 20,
      photoIds: [],
      deliveredAt: noonOf(-1),
    };
    expect((await post(s.volunteer.token, delivery)).status).toBe(201);
    const { code } = (await getCode(s.worker.token)).body as { code: string };
    const handouts = [handoutId(), handoutId()];
    for (const id of handouts) {
      const answer = await hand(s.volunteer.token, {
        id,
        campaignId: s.campaign.id,
        code,
        handedAt: new Date().toISOString(),
        place: { type: 'adHoc', orgPath: s.town },
        mode: 'live',
      });
      expect(answer.status).toBe(201);
    }

    const answer = await create(s.staff.token, s.campaign.id, { requestId: randomUUID(), format: 'xlsx' });
    expect((answer.body as DeliveryExport).progress).toStrictEqual({ rows: 3, total: 3 });
    const [summary, detail] = (
      await readXlsxFile((await download((answer.body as DeliveryExport).url!)).bytes)
    ).map((sheet) => sheet.data as Cell[][]);
    // 3 cases of water at 1.50 元 to 20 people, and two bottles handed out, one 人次 each.
    const { totals } = await dashboardOf(s.staff.token, s.campaign.id);
    expect(totals).toStrictEqual({ deliveries: 1, handouts: 2, people: 22, moneyFen: 750 });
    expect(section(summary!, '总计')).toStrictEqual([[1, 2, 22, 7.5]]);
    const rows = detail!.slice(1);
    const handed = rows.filter((row) => row[column('记录类型')] === '清凉码发放');
    expect(handed.map((row) => row[column('记录编号')]).sort()).toStrictEqual([...handouts].sort());
    expect(
      handed.map((row) =>
        ['类别', '物资及数量', '人次', '金额(元)', '所属组织', '审核状态'].map((name) => row[column(name)]),
      ),
    ).toStrictEqual([
      ['送清凉', '矿泉水 1瓶', 1, 1.5, '测试镇工会', '无需审核'],
      ['送清凉', '矿泉水 1瓶', 1, 1.5, '测试镇工会', '无需审核'],
    ]);
    expect(recountDetail(rows)).toStrictEqual({ deliveries: 1, people: 22, moneyFen: 750 });
  });

  it('answers the same request id with the same export, and refuses it for another report (409)', async () => {
    const { scene } = await sceneWith(1);
    const requestId = randomUUID();
    const first = await create(scene.staff.token, scene.campaign.id, { requestId, format: 'xlsx' });
    const stored = await getExportById((first.body as DeliveryExport).id);
    const again = await create(scene.staff.token, scene.campaign.id, { requestId, format: 'xlsx' });
    const pick = (answer: { status: number | undefined; body: unknown }) => {
      const { id, status, progress, fileName } = answer.body as DeliveryExport;
      return [answer.status, id, status, progress, fileName];
    };
    expect(pick(again)).toStrictEqual(pick(first));
    expect(await getExportById((first.body as DeliveryExport).id), 'the retry wrote nothing').toStrictEqual(
      stored,
    );

    const reused = await create(scene.staff.token, scene.campaign.id, { requestId, format: 'csv' });
    expect([reused.status, (reused.body as { error: { code: string } }).error.code]).toStrictEqual([
      409,
      'REQUEST_ID_REUSED',
    ]);
    expect((await getExportById((first.body as DeliveryExport).id))?.format).toBe('xlsx');
  });

  it('makes one export when two starts of one request race', async () => {
    const { scene } = await sceneWith(2);
    const requestId = randomUUID();
    const answers = await Promise.all(
      [1, 2].map(() => create(scene.staff.token, scene.campaign.id, { requestId, format: 'xlsx' })),
    );
    expect(answers.map((answer) => answer.status)).toStrictEqual([201, 201]);
    const [a, b] = answers.map((answer) => answer.body as DeliveryExport);
    expect(a!.id).toBe(b!.id);
    expect(a!.id).toBe(exportIdFor(scene.staff.userId, requestId));
    const done = await waitUntilDone(scene.staff.token, a!.id);
    expect([done.status, done.progress]).toStrictEqual(['ready', { rows: 2, total: 2 }]);
  });

  it('covers only the caller’s subtree, and refuses staff beside it or a node above them (403)', async () => {
    const { scene, ids } = await sceneWith(4);
    const town = await create(scene.townStaff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'xlsx',
    });
    expect(town.status).toBe(201);
    const file = await download((town.body as DeliveryExport).url!);
    const [, detail] = (await readXlsxFile(file.bytes)).map((sheet) => sheet.data as Cell[][]);
    // The town volunteer made deliveries 1 and 3 (the ad-hoc one is in the town too).
    expect(
      detail!
        .slice(1)
        .map((row) => row[column('记录编号')])
        .sort(),
    ).toStrictEqual([ids[1], ids[3]].sort());

    const requestId = randomUUID();
    const beside = await create(scene.sideStaff.token, scene.campaign.id, { requestId, format: 'xlsx' });
    expect([beside.status, (beside.body as { error: { code: string } }).error.code]).toStrictEqual([
      403,
      'OUT_OF_SCOPE',
    ]);
    expect(await getExportById(exportIdFor(scene.sideStaff.userId, requestId))).toBeNull();
    const above = await create(scene.townStaff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'xlsx',
      orgPath: scene.county,
    });
    expect([above.status, (above.body as { error: { code: string } }).error.code]).toStrictEqual([
      403,
      'OUT_OF_SCOPE',
    ]);
    const volunteer = await create(scene.volunteerA.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'xlsx',
    });
    expect(volunteer.status).toBe(403);
  });
});

describe('Handler: getDeliveryExport', () => {
  it('shows an export only to the staff member who made it: others get 404 EXPORT_NOT_FOUND', async () => {
    const { scene } = await sceneWith(1);
    const made = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    });
    const id = (made.body as DeliveryExport).id;
    const own = await read(scene.staff.token, id);
    expect([own.status, (own.body as DeliveryExport).status]).toStrictEqual([200, 'ready']);
    const colleague = await freshUser({ roles: ['staff'], orgPath: scene.county });
    const admin = await freshUser({ roles: ['admin'] });
    for (const token of [scene.townStaff.token, scene.sideStaff.token, colleague.token, admin.token]) {
      const answer = await read(token, id);
      expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toStrictEqual([
        404,
        'EXPORT_NOT_FOUND',
      ]);
    }
    const forged = await read(scene.staff.token, `ex_${'0'.repeat(24)}`);
    expect(forged.status).toBe(404);
    const malformed = await read(scene.staff.token, 'ex_../../x');
    expect(malformed.status).toBe(400);
  });
});

describe('Handler: runDeliveryExport (the job for large exports)', () => {
  it('hands a large export to the job, which pages through the rows, writes the file and marks it ready', async () => {
    const { scene, ids, expected } = await sceneWith(7);
    consumeQueue();
    const before = queue.sent.length;
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'xlsx',
    });
    expect(answer.status).toBe(201);
    const started = answer.body as DeliveryExport;
    expect([started.status, started.url]).toStrictEqual(['running', undefined]);
    expect(started.progress.total).toBe(7);
    expect(queuedSince(before)).toStrictEqual([[exportQueue, { job: 'export', exportId: started.id }]]);

    const done = await waitUntilDone(scene.staff.token, started.id);
    await queue.settled();
    expect(queue.failed).toStrictEqual([]);
    expect([done.status, done.progress, done.fileName]).toStrictEqual([
      'ready',
      { rows: 7, total: 7 },
      fileNameOf(scene, 'xlsx'),
    ]);
    const [summary, detail] = (await readXlsxFile((await download(done.url!)).bytes)).map(
      (sheet) => sheet.data as Cell[][],
    );
    expect(
      detail!
        .slice(1)
        .map((row) => row[column('记录编号')])
        .sort(),
    ).toStrictEqual([...ids].sort());
    expect(recountDetail(detail!.slice(1))).toStrictEqual(expected);
    expect(section(summary!, '总计')).toStrictEqual([[7, 0, expected.people, expected.moneyFen / 100]]);

    // The same message delivered again (the queue delivers at least once) leaves a done export alone.
    const settled = await getExportById(started.id);
    expect(
      await runJob(
        exportMessage(started.id),
        jobContext(() => 600_000),
      ),
    ).toStrictEqual({
      batchItemFailures: [],
    });
    expect(await getExportById(started.id)).toStrictEqual(settled);
    consume = async () => {};
  });

  it('hands an export to the job when the records far outnumber the counters (the request stays bounded)', async () => {
    const { scene, ids } = await sceneWith(2);
    // Ten more records stored without their counters: the dashboard still says 2 (≤ 5, in place).
    const first = (await storedDelivery(ids[0]!))!;
    const extra = Array.from({ length: 10 }, () => `dl_${randomUUID().replace(/-/g, '')}`);
    for (const id of extra) {
      await db.send(new PutCommand({ TableName: tableName, Item: deliveryToItem({ ...first, id }) }));
    }
    consumeQueue();
    const before = queue.sent.length;
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    });
    expect(answer.status).toBe(201);
    const started = answer.body as DeliveryExport;
    expect(started.status).toBe('running');
    expect(queuedSince(before)).toStrictEqual([[exportQueue, { job: 'export', exportId: started.id }]]);
    const done = await waitUntilDone(scene.staff.token, started.id);
    await queue.settled();
    expect([done.status, done.progress.rows]).toStrictEqual(['ready', 12]);
    consume = async () => {};
  });

  it('runs once when the queue delivers the same message twice at once', async () => {
    const { scene } = await sceneWith(7);
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    });
    const { id } = answer.body as DeliveryExport;
    await Promise.all(
      [1, 2].map(() =>
        runJob(
          exportMessage(id),
          jobContext(() => 600_000),
        ),
      ),
    );
    const stored = await getExportById(id);
    // Written by one run only: created, claimed, three pages of 3, 3 and 1 rows, marked ready.
    expect([stored?.status, stored?.rows, stored?.version]).toStrictEqual(['ready', 7, 6]);
  });

  it('writes progress after every page and, short of time, stops with a reason (failed)', async () => {
    const { scene } = await sceneWith(7);
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    });
    const started = answer.body as DeliveryExport;
    expect([started.status, started.progress]).toStrictEqual(['running', { rows: 0, total: 7 }]);
    // Time enough after the first page of 3, not after the second.
    const remaining = [61_000, 1_000];
    await runJob(
      exportMessage(started.id),
      jobContext(() => remaining.shift() ?? 0),
    );
    const stopped = await read(scene.staff.token, started.id);
    expect(stopped.body).toStrictEqual({
      id: started.id,
      status: 'failed',
      format: 'csv',
      progress: { rows: 6, total: 7 },
      reason: '数据过多，未能在时限内导出，请按下级组织分别导出',
    });
  });

  it('stops when the requester has lost the staff role since', async () => {
    const { scene } = await sceneWith(7);
    const requester = await freshUser({ roles: ['staff'], orgPath: scene.county });
    const answer = await create(requester.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'xlsx',
    });
    const started = answer.body as DeliveryExport;
    const { setUserStaffRole } = await import('../../functions/src/db/users');
    await setUserStaffRole(requester.userId, { grant: false }, new Date());
    await runJob(
      exportMessage(started.id),
      jobContext(() => 600_000),
    );
    const stored = await getExportById(started.id);
    expect([stored?.status, stored?.reason]).toStrictEqual([
      'failed',
      '活动已不存在或您已无权查看该范围，导出已停止',
    ]);
  });

  it('reports a message that is not an export job failed, on its own, and runs nothing', async () => {
    const { scene } = await sceneWith(7);
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    });
    const { id } = answer.body as DeliveryExport;
    const before = await getExportById(id);
    for (const body of [
      '不是 JSON',
      JSON.stringify({ job: 'sweep' }),
      JSON.stringify({ job: 'export', exportId: 'ex_1' }),
    ]) {
      const event = exportMessage(id, body);
      expect(
        await runJob(
          event,
          jobContext(() => 600_000),
        ),
      ).toStrictEqual({
        batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }],
      });
    }
    expect(await getExportById(id)).toStrictEqual(before);
  });

  it('marks the export failed, with a reason, when the queue does not take its job', async () => {
    const { scene } = await sceneWith(7);
    queueDown = true;
    const answer = await create(scene.staff.token, scene.campaign.id, {
      requestId: randomUUID(),
      format: 'csv',
    }).finally(() => {
      queueDown = false;
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'failed', reason: '无法启动导出任务，请稍后重新导出' });
  });
});
