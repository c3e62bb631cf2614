import { createHash, randomUUID } from 'node:crypto';
import type { DeliveryDashboard, DeliveryExport } from '@ankang/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { day } from '../support/shanghaiDay';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';

/**
 * The report export over real HTTP to serverless-offline: a small export answered ready with a
 * presigned link that downloads from s3rver; a large one (this tier's stack writes more than 5
 * rows by the job) invoked through serverless-offline's Lambda API with InvocationType Event and
 * polled to the end; every wrong caller refused with a declared code.
 */

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const evilNote = '=HYPERLINK("http://evil.example","点我")';

type Cell = string | number | boolean | Date | null;

async function person() {
  const { token, me } = await loginWithCode(`ok-${randomUUID()}`);
  return { token, userId: me.id };
}

/**
 * A campaign of 张家港 nobody else's test touches (opened by 李敏), an approved volunteer serving
 * 大新镇, and `count` ad-hoc deliveries of theirs yesterday: delivery i brings i + 1 cases of water
 * (24 元 a case) to 10 + i people; the first carries a note that would run as a formula.
 */
async function exportScene(count: number) {
  const staff = await loginAsDemo('李敏');
  const created = await request('POST', '/staff/campaigns', {
    token: staff,
    body: {
      requestId: randomUUID(),
      orgPath: ZJG,
      title: `导出测试${randomUUID().slice(0, 6)}活动`,
      season: { from: day(-5), to: day(30) },
      signup: { from: day(-5), to: day(20) },
      kinds: [
        {
          code: 'cool',
          name: '送清凉',
          items: [{ code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 }],
        },
      ],
      targetGroups: ['sanitation'],
    },
  });
  expect(created.status).toBe(201);
  const campaign = created.body as { id: string; title: string };
  expect(
    (
      await request('POST', `/staff/campaigns/${campaign.id}/status`, {
        token: staff,
        body: { version: 1, status: 'open' },
      })
    ).status,
  ).toBe(200);
  const volunteer = await person();
  const offer = await request('POST', '/volunteer-signups', {
    token: volunteer.token,
    body: {
      requestId: randomUUID(),
      signup: {
        campaignId: campaign.id,
        name: '导出测试志愿者',
        districts: [DAXIN],
        availability: [{ date: day(2), slot: 'am' }],
        skills: ['driving'],
        phone: '13800002222',
      },
    },
  });
  expect(offer.status).toBe(201);
  const approved = await request(
    'POST',
    `/staff/volunteer-signups/${(offer.body as { id: string }).id}/review`,
    {
      token: staff,
      body: { decision: 'approve', version: 1 },
    },
  );
  expect(approved.status).toBe(200);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = `dl_${randomUUID().replace(/-/g, '')}`;
    const posted = await request('POST', '/deliveries', {
      token: volunteer.token,
      body: {
        id,
        campaignId: campaign.id,
        site: { type: 'adHoc', name: '大新镇临时保洁点', address: '大新镇大新中路 30 号', orgPath: DAXIN },
        kind: 'cool',
        items: [{ code: 'water', quantity: i + 1 }],
        peopleReached: 10 + i,
        photoIds: [],
        position: { lat: 31.97, lng: 120.51, accuracy: 15 },
        deliveredAt: `${day(-1)}T10:00:00+08:00`,
        ...(i === 0 ? { notes: evilNote } : {}),
      },
    });
    expect(posted.status).toBe(201);
    ids.push(id);
  }
  const indexes = ids.map((_, i) => i);
  return {
    staff,
    campaign,
    ids,
    expected: {
      deliveries: count,
      handouts: 0,
      people: indexes.reduce((sum, i) => sum + 10 + i, 0),
      moneyFen: indexes.reduce((sum, i) => sum + (i + 1) * 2400, 0),
    },
  };
}

const startExport = (token: string | undefined, campaignId: string, body: unknown) =>
  request('POST', `/staff/campaigns/${campaignId}/exports`, { token, body });
const readExport = (token: string | undefined, id: string) =>
  request('GET', `/staff/exports/${id}`, { token });

/** Polls as the client does, with back-off, until the export is no longer running. */
async function pollUntilDone(token: string, id: string): Promise<DeliveryExport> {
  const seen: DeliveryExport['progress'][] = [];
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const answer = await readExport(token, id);
    expect(answer.status).toBe(200);
    const body = answer.body as DeliveryExport;
    seen.push(body.progress);
    if (body.status !== 'running') {
      // Progress only ever moves forward.
      expect(seen.map((p) => p.rows)).toStrictEqual([...seen.map((p) => p.rows)].sort((a, b) => a - b));
      return body;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * 1.5 ** attempt)));
  }
  throw new Error(`export ${id} still running`);
}

async function download(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    disposition: response.headers.get('content-disposition'),
  };
}

/** The values row of a summary section (after its title and column header). */
function sectionValues(rows: Cell[][], title: string): Cell[] {
  const start = rows.findIndex((row) => row[0] === title);
  expect(start, title).toBeGreaterThanOrEqual(0);
  return rows[start + 2]!.filter((cell) => cell !== null);
}

const exportIdOf = (userId: string, requestId: string) =>
  `ex_${createHash('sha256').update(`export:${userId}:${requestId}`).digest('hex').slice(0, 24)}`;

describe('API: delivery report export', () => {
  it('answers a small export ready; its link downloads an XLSX whose totals equal the dashboard', async () => {
    const { staff, campaign, ids, expected } = await exportScene(3);
    const answer = await startExport(staff, campaign.id, { requestId: randomUUID(), format: 'xlsx' });
    expect(answer.status).toBe(201);
    const body = answer.body as DeliveryExport;
    expect([body.status, body.progress]).toStrictEqual(['ready', { rows: 3, total: 3 }]);
    const fileName = `${campaign.title}-配送报表-${day(0).replaceAll('-', '')}.xlsx`;
    expect(body.fileName).toBe(fileName);

    const file = await download(body.url!);
    expect(file.disposition).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    const [summary, detail] = (await readXlsxFile(file.bytes)).map((sheet) => sheet.data as Cell[][]);
    const dashboard = (await request('GET', `/staff/campaigns/${campaign.id}/dashboard`, { token: staff }))
      .body as DeliveryDashboard;
    expect(dashboard.totals).toStrictEqual(expected);
    const { totals } = dashboard;
    expect(sectionValues(summary!, '总计')).toStrictEqual([
      totals.deliveries,
      totals.handouts,
      totals.people,
      totals.moneyFen / 100,
    ]);
    const header = detail![0] as string[];
    const rows = detail!.slice(1);
    expect(rows.map((row) => row[header.indexOf('记录编号')]).sort()).toStrictEqual([...ids].sort());
    expect(rows.reduce((sum, row) => sum + Number(row[header.indexOf('人次')]), 0)).toBe(totals.people);
    expect(
      rows.reduce((sum, row) => sum + Math.round(Number(row[header.indexOf('金额(元)')]) * 100), 0),
    ).toBe(totals.moneyFen);
    const noted = rows.find((row) => row[header.indexOf('记录编号')] === ids[0])!;
    expect(noted[header.indexOf('备注')]).toBe(`'${evilNote}`);
  });

  it('runs a large export as a job through the Lambda invoke API; polled, it ends ready with a link', async () => {
    const { staff, campaign, ids, expected } = await exportScene(7);
    const requestId = randomUUID();
    const answer = await startExport(staff, campaign.id, { requestId, format: 'csv' });
    expect(answer.status).toBe(201);
    const started = answer.body as DeliveryExport;
    expect(started).toStrictEqual({
      id: started.id,
      status: 'running',
      format: 'csv',
      progress: { rows: 0, total: 7 },
    });
    // The same request again is the same export, whatever its state.
    const retried = await startExport(staff, campaign.id, { requestId, format: 'csv' });
    expect((retried.body as DeliveryExport).id).toBe(started.id);

    const done = await pollUntilDone(staff, started.id);
    expect([done.status, done.progress]).toStrictEqual(['ready', { rows: 7, total: 7 }]);
    const file = await download(done.url!);
    expect([...file.bytes.subarray(0, 3)]).toStrictEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(file.bytes.subarray(3).toString('utf8')) as string[][];
    expect(rows.map((row) => row[header!.indexOf('记录编号')]).sort()).toStrictEqual([...ids].sort());
    expect(rows.reduce((sum, row) => sum + Number(row[header!.indexOf('人次')]), 0)).toBe(expected.people);
    expect(rows.find((row) => row[header!.indexOf('记录编号')] === ids[0])![header!.indexOf('备注')]).toBe(
      `'${evilNote}`,
    );
  });

  it('refuses callers without a token or the staff role, and staff of another org', async () => {
    const { staff, campaign } = await exportScene(1);
    const made = (await startExport(staff, campaign.id, { requestId: randomUUID(), format: 'xlsx' }))
      .body as DeliveryExport;
    const worker = await person();
    const sip = await loginAsDemo('沈佳怡');
    const daxin = await loginAsDemo('顾晓东');

    expectRefused(
      await startExport(undefined, campaign.id, { requestId: randomUUID(), format: 'xlsx' }),
      401,
      'UNAUTHENTICATED',
    );
    expectRefused(await readExport(undefined, made.id), 401, 'UNAUTHENTICATED');
    expectRefused(
      await startExport(worker.token, campaign.id, { requestId: randomUUID(), format: 'xlsx' }),
      403,
      'FORBIDDEN',
    );
    expectRefused(await readExport(worker.token, made.id), 403, 'FORBIDDEN');
    expectRefused(
      await startExport(sip, campaign.id, { requestId: randomUUID(), format: 'xlsx' }),
      403,
      'OUT_OF_SCOPE',
    );
    expectRefused(
      await startExport(daxin, campaign.id, { requestId: randomUUID(), format: 'xlsx', orgPath: ZJG }),
      403,
      'OUT_OF_SCOPE',
    );
    // Someone else's export, or one that never was, is not found — by anyone but its requester.
    expectRefused(await readExport(sip, made.id), 404, 'EXPORT_NOT_FOUND');
    expectRefused(await readExport(daxin, made.id), 404, 'EXPORT_NOT_FOUND');
    expectRefused(await readExport(staff, `ex_${'f'.repeat(24)}`), 404, 'EXPORT_NOT_FOUND');
    expectRefused(await readExport(staff, 'ex_%2E%2E%2Fx'), 400, 'VALIDATION_FAILED');
    expectRefused(
      await startExport(staff, `cp_${'0'.repeat(16)}`, { requestId: randomUUID(), format: 'xlsx' }),
      404,
      'CAMPAIGN_NOT_FOUND',
    );
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const staff = await loginAsDemo('李敏');
    const me = (await request('GET', '/me', { token: staff })).body as { id: string };
    const campaignId = 'cp_demo0zjgthis';
    const cases: unknown[] = [
      { requestId: randomUUID(), format: 'pdf' },
      { requestId: 'short', format: 'xlsx' },
      { requestId: randomUUID(), format: 'xlsx', orgPath: '../../etc' },
      { requestId: randomUUID() },
      [],
    ];
    for (const body of cases) {
      const answer = await startExport(staff, campaignId, body);
      expectRefused(answer, 400, 'VALIDATION_FAILED');
      const requestId = (body as { requestId?: string }).requestId;
      if (requestId)
        expectRefused(await readExport(staff, exportIdOf(me.id, requestId)), 404, 'EXPORT_NOT_FOUND');
    }
    expectRefused(
      await request('POST', `/staff/campaigns/${campaignId}/exports`, {
        token: staff,
        rawBody: '{"requestId":',
      }),
      400,
      'MALFORMED_JSON',
    );
  });
});
