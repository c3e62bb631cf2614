import { randomUUID } from 'node:crypto';
import type { MyReport, PhotoUploadTicket, QueuedProblem } from '@ankang/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { loginAsDemo, loginWithCode, request } from './http';

/**
 * Problem reports over real HTTP (serverless-offline, DynamoDB Local, s3rver): a worker's report
 * with photos through to staff's answer in 我的反馈, and the attacks: no token, the wrong role,
 * unions beside, above and a prefix sibling, forged ids and cursors, huge input, retried and raced
 * writes, another person's reports. Every refusal is a declared 4xx with a Chinese message.
 */

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const HAN = /\p{Script=Han}/u;
// A place of its own (哈尔滨), so the stations made here never show in the demo's lists or near
// another test's point.
const here = { lng: 126.6425, lat: 45.7567 };
const png = pngImage(16, 16, (x, y) => [(x * 16) % 256, (y * 16) % 256, 120]);

type Answer = { status: number; body: unknown };

function expectRefused(answer: Answer, status: number, code: string): void {
  const error = (answer.body as { error?: { code?: string; message?: string } }).error;
  expect({ status: answer.status, code: error?.code }).toStrictEqual({ status, code });
  expect(error?.message).toMatch(HAN);
}

let daxin: string;
let zjg: string;
let sip: string;

const worker = async () => (await loginWithCode(`ok-${randomUUID()}`)).token;

async function createStation(token: string, orgPath = DAXIN) {
  const result = await request('POST', '/staff/stations', {
    token,
    body: {
      name: `问题测试${randomUUID().slice(0, 4)}`,
      address: '北京中路 19 号',
      district: '城关区',
      orgPath,
      location: here,
      hostType: 'union',
      amenities: ['water'],
      hours: { alwaysOpen: true },
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as { id: string };
}

const report = (token: string | undefined, stationId: string, body: unknown) =>
  request('POST', `/stations/${stationId}/reports`, { token, body });
const queue = (token: string | undefined, query: string) =>
  request('GET', `/staff/problems${query ? `?${query}` : ''}`, { token });
const work = (token: string | undefined, id: string, body: unknown) =>
  request('POST', `/staff/problems/${id}`, { token, body });
const mine = (token: string | undefined, query = '') =>
  request('GET', `/me/reports${query ? `?${query}` : ''}`, { token });

async function problemsOf(token: string, query: string, stationId: string) {
  const answer = await queue(token, query);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { problems: QueuedProblem[] }).problems.filter((p) => p.stationId === stationId);
}

/** A photo sent as a phone sends it, for a report's request id. */
async function landedReportPhoto(token: string, requestId: string): Promise<string> {
  const id = `ph_${randomUUID().replace(/-/g, '')}`;
  const issued = await request('POST', '/photos/uploads', {
    token,
    body: { id, owner: { kind: 'report', id: requestId }, contentType: 'image/png', size: png.length },
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const ticket = issued.body as PhotoUploadTicket;
  const put = await fetch(ticket.uploadUrl, {
    method: ticket.method,
    headers: ticket.headers,
    body: new Uint8Array(png),
  });
  expect(put.status).toBe(200);
  expect((await request('POST', `/photos/${id}/complete`, { token })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  [daxin, zjg, sip] = await Promise.all([loginAsDemo('顾晓东'), loginAsDemo('李敏'), loginAsDemo('沈佳怡')]);
});

describe('API: a problem from the worker’s report to the answer in 我的反馈', () => {
  it('files a report with photos once under racing retries, collapses a second one, and shows the answer', async () => {
    const station = await createStation(daxin);
    const [first, second] = await Promise.all([worker(), worker()]);
    const requestId = randomUUID();
    const photo = await landedReportPhoto(first, requestId);
    const body = { kind: 'brokenAircon', text: '空调不制冷', requestId, photoIds: [photo] };

    const sent = await Promise.all([report(first, station.id, body), report(first, station.id, body)]);
    expect(sent.map((a) => a.status)).toStrictEqual([201, 201]);
    expect(sent[1]!.body).toStrictEqual(sent[0]!.body);
    const { problemId } = (sent[0]!.body as { report: { problemId: string } }).report;
    expect(
      (await report(second, station.id, { kind: 'brokenAircon', requestId: randomUUID() })).body,
    ).toMatchObject({
      report: { problemId, state: 'new' },
    });

    const [problem] = await problemsOf(daxin, 'state=new&kind=brokenAircon', station.id);
    expect(problem).toMatchObject({ id: problemId, reportCount: 2, version: 2, orgPath: DAXIN });
    expect(problem!.recent.map((r) => [r.text, r.photos.map((p) => p.id)])).toStrictEqual([
      ['', []],
      ['空调不制冷', [photo]],
    ]);
    // The photo's link serves the bytes that were sent.
    const image = await fetch(problem!.recent[1]!.photos[0]!.url);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    expect(await work(daxin, problemId, { version: 2, state: 'resolved', note: '已更换空调' })).toMatchObject(
      {
        status: 200,
        body: { state: 'resolved', note: '已更换空调', version: 3 },
      },
    );
    const answered = (await mine(first)).body as { reports: MyReport[] };
    expect(answered.reports[0]).toMatchObject({
      stationId: station.id,
      kind: 'brokenAircon',
      text: '空调不制冷',
      state: 'resolved',
      note: '已更换空调',
      reportCount: 2,
    });
    expect(answered.reports[0]!.photos.map((p) => p.id)).toStrictEqual([photo]);
    // The other reporter sees the same answer; neither sees the other's report.
    const theirs = ((await mine(second)).body as { reports: MyReport[] }).reports;
    expect(theirs.map((r) => [r.text, r.note])).toStrictEqual([['', '已更换空调']]);
    expect(theirs.map((r) => r.id)).not.toContain(answered.reports[0]!.id);
  });

  it('refuses another person’s photo, too many photos and a photo of another report, filing nothing', async () => {
    const station = await createStation(daxin);
    const [owner, thief] = await Promise.all([worker(), worker()]);
    const ownersRequest = randomUUID();
    const photo = await landedReportPhoto(owner, ownersRequest);
    // Another person's photo under the same request id, and the owner's photo under another one.
    expectRefused(
      await report(thief, station.id, { kind: 'dirty', requestId: ownersRequest, photoIds: [photo] }),
      404,
      'PHOTO_NOT_FOUND',
    );
    expectRefused(
      await report(owner, station.id, { kind: 'dirty', requestId: randomUUID(), photoIds: [photo] }),
      404,
      'PHOTO_NOT_FOUND',
    );
    const four = Array.from({ length: 4 }, () => `ph_${randomUUID().replace(/-/g, '')}`);
    expectRefused(
      await report(owner, station.id, { kind: 'dirty', requestId: randomUUID(), photoIds: four }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await problemsOf(daxin, 'state=new', station.id)).toStrictEqual([]);
  });
});

describe('API: attacks on the problem queue and 我的反馈', () => {
  let stationId: string;
  let problemId: string;
  let reporter: string;

  beforeAll(async () => {
    stationId = (await createStation(daxin)).id;
    reporter = await worker();
    const filed = await report(reporter, stationId, {
      kind: 'unsafe',
      text: '电线裸露',
      requestId: randomUUID(),
    });
    problemId = (filed.body as { report: { problemId: string } }).report.problemId;
  });

  it('keeps the queue from callers without a token, workers, and unions beside, below or a prefix away', async () => {
    expectRefused(await queue(undefined, ''), 401, 'UNAUTHENTICATED');
    expectRefused(await queue('not.a.token', ''), 401, 'UNAUTHENTICATED');
    expectRefused(await queue(reporter, ''), 403, 'FORBIDDEN');
    expectRefused(await queue(sip, `org=${DAXIN}`), 403, 'OUT_OF_SCOPE');
    expectRefused(await queue(daxin, `org=${ZJG}`), 403, 'OUT_OF_SCOPE');
    expectRefused(await queue(daxin, 'org=320000/320500/32058'), 403, 'OUT_OF_SCOPE');
    expectRefused(await queue(zjg, 'org=320000/320500/32058'), 403, 'OUT_OF_SCOPE');
    // 沈佳怡's own queue never holds 大新镇's problem; 李敏 (above) sees it.
    expect(await problemsOf(sip, 'state=new', stationId)).toStrictEqual([]);
    expect((await problemsOf(zjg, 'state=new&kind=unsafe', stationId)).map((p) => p.id)).toStrictEqual([
      problemId,
    ]);
  });

  it('answers bad query values and forged cursors with 400', async () => {
    for (const query of [
      'state=closed',
      'kind=fire',
      `org=${'9'.repeat(400)}`,
      'org=../../etc',
      'cursor=eyJhIjoxfQ',
      `cursor=${'x'.repeat(5000)}`,
    ]) {
      const answer = await queue(daxin, query);
      expect(answer.status, query).toBe(400);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(HAN);
    }
    expectRefused(await mine(reporter, 'cursor=eyJhIjoxfQ'), 400, 'BAD_CURSOR');
  });

  it('refuses answers from outsiders, forged ids, stale versions and huge input, changing nothing', async () => {
    expectRefused(
      await work(undefined, problemId, { version: 1, state: 'resolved' }),
      401,
      'UNAUTHENTICATED',
    );
    expectRefused(await work(reporter, problemId, { version: 1, state: 'resolved' }), 403, 'FORBIDDEN');
    expectRefused(await work(sip, problemId, { version: 1, state: 'resolved' }), 403, 'OUT_OF_SCOPE');
    expectRefused(
      await work(daxin, 'pb_00000000000000000000', { version: 1, state: 'resolved' }),
      404,
      'REPORT_NOT_FOUND',
    );
    expectRefused(
      await work(daxin, 'rp_00000000000000000000', { version: 1, state: 'resolved' }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(await work(daxin, problemId, { version: 9, state: 'resolved' }), 409, 'VERSION_CONFLICT');
    expectRefused(await work(daxin, problemId, { version: 1, state: 'new' }), 400, 'VALIDATION_FAILED');
    expectRefused(
      await work(daxin, problemId, { version: 1, state: 'resolved', note: '长'.repeat(201) }),
      400,
      'VALIDATION_FAILED',
    );
    const huge = await request('POST', `/staff/problems/${problemId}`, {
      token: daxin,
      rawBody: JSON.stringify({ version: 1, state: 'resolved', note: 'x'.repeat(1_200_000) }),
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const [unchanged] = await problemsOf(daxin, 'state=new&kind=unsafe', stationId);
    expect(unchanged).toMatchObject({ id: problemId, state: 'new', version: 1, note: null });
  });

  it('lets one of two racing answers win and tells the other the version', async () => {
    const station = await createStation(daxin);
    const filed = await report(await worker(), station.id, { kind: 'noWater', requestId: randomUUID() });
    const id = (filed.body as { report: { problemId: string } }).report.problemId;
    const answers = await Promise.all([
      work(daxin, id, { version: 1, state: 'acknowledged', note: '甲' }),
      work(zjg, id, { version: 1, state: 'resolved', note: '乙' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toStrictEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } });
  });

  it('shows a worker only their own reports', async () => {
    const stranger = await worker();
    expect((await mine(stranger)).body).toStrictEqual({ reports: [] });
    expectRefused(await mine(undefined), 401, 'UNAUTHENTICATED');
    const own = ((await mine(reporter)).body as { reports: MyReport[] }).reports;
    expect(own.map((r) => [r.stationId, r.kind, r.text])).toStrictEqual([[stationId, 'unsafe', '电线裸露']]);
  });
});
