import { randomUUID } from 'node:crypto';
import type { MyReport, PhotoView, QueuedProblem } from '@ankang/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { problemKeys } from '../../functions/src/db/keys';
import { placeOfFile } from '../support/testPlaces';
import { expectRefused, HAN, loginAsDemo, request, uploadPhoto } from './http';
import { createStation as createStationAt } from './stationHelpers';
import { freshApiUser, storedItem } from './table';

/**
 * Problem reports over real HTTP (serverless-offline, DynamoDB Local, s3rver): a worker's report
 * with photos through to staff's answer in 我的反馈, and the attacks: no token, the wrong role,
 * unions beside, above and a prefix sibling, forged ids and cursors, huge input, retried and raced
 * writes, another person's reports. Every refusal is a declared 4xx with a Chinese message.
 */

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
// A place of this file's own, so the stations made here never show near another test's point.
const here = placeOfFile(import.meta.url);
const png = pngImage(16, 16, (x, y) => [(x * 16) % 256, (y * 16) % 256, 120]);
const versionConflict = (currentVersion: number) => ({
  error: { code: 'VERSION_CONFLICT', message: '数据已被他人修改，请刷新后重试', details: { currentVersion } },
});

let daxin: string;
let zjg: string;
let sip: string;

const worker = async () => (await freshApiUser('ok')).token;

/** A station of `orgPath` at this file's place, with its name (the queue shows it). */
async function createStation(token: string, orgPath = DAXIN) {
  const name = `问题测试${randomUUID().slice(0, 4)}`;
  const { id } = await createStationAt(token, here, {
    name,
    address: '北京中路 19 号',
    district: '城关区',
    orgPath,
  });
  return { id, name };
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
const landedReportPhoto = (token: string, requestId: string) =>
  uploadPhoto(token, { kind: 'report', id: requestId }, png);

/** The report as POST /stations/{id}/reports answers it, its time checked to lie in [from, to]. */
function filedBetween(answer: { status: number; body: unknown }, from: string, to: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const report = (answer.body as { report: { id: string; createdAt: string } }).report;
  expect(report.id).toMatch(/^rp_[0-9a-z]{24}$/);
  expect(from <= report.createdAt && report.createdAt <= to, report.createdAt).toBe(true);
  return report;
}

/** A photo link as the API gives it: the photo's id, a link to its bytes, and a time in the future. */
function expectLink(view: PhotoView | undefined, id: string): PhotoView {
  expect(view).toStrictEqual({ id, url: expect.stringMatching(/^http/), expiresAt: view?.expiresAt });
  expect(Date.parse(view!.expiresAt)).toBeGreaterThan(Date.now());
  return view!;
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

    const sentFrom = new Date().toISOString();
    const sent = await Promise.all([report(first, station.id, body), report(first, station.id, body)]);
    const firstReport = filedBetween(sent[0]!, sentFrom, new Date().toISOString());
    // A problem's id is its first report's, under the problem prefix.
    const problemId = `pb_${firstReport.id.slice(3)}`;
    expect(sent[0]!.body).toStrictEqual({
      report: {
        id: firstReport.id,
        problemId,
        state: 'new',
        kind: 'brokenAircon',
        createdAt: firstReport.createdAt,
      },
    });
    expect(sent[1]).toStrictEqual({ ...sent[0]!, headers: sent[1]!.headers });
    const secondFrom = new Date().toISOString();
    const joined = await report(second, station.id, { kind: 'brokenAircon', requestId: randomUUID() });
    const secondReport = filedBetween(joined, secondFrom, new Date().toISOString());
    expect(joined.body).toStrictEqual({
      report: {
        id: secondReport.id,
        problemId,
        state: 'new',
        kind: 'brokenAircon',
        createdAt: secondReport.createdAt,
      },
    });

    const [problem] = await problemsOf(daxin, 'state=new&kind=brokenAircon', station.id);
    const link = expectLink(problem?.recent[1]?.photos[0], photo);
    const open = {
      id: problemId,
      stationId: station.id,
      stationName: station.name,
      orgPath: DAXIN,
      kind: 'brokenAircon',
      state: 'new',
      note: null,
      reportCount: 2,
      recent: [
        { id: secondReport.id, text: '', createdAt: secondReport.createdAt, photos: [] },
        { id: firstReport.id, text: '空调不制冷', createdAt: firstReport.createdAt, photos: [link] },
      ],
      openedAt: firstReport.createdAt,
      lastReportedAt: secondReport.createdAt,
      handledAt: null,
      updatedAt: secondReport.createdAt,
      version: 2,
    };
    expect(problem).toStrictEqual(open);
    // The photo's link serves the bytes that were sent.
    const image = await fetch(link.url);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    const resolvedFrom = new Date().toISOString();
    const resolved = await work(daxin, problemId, { version: 2, state: 'resolved', note: '已更换空调' });
    const handledAt = (resolved.body as { handledAt: string }).handledAt;
    expect(resolvedFrom <= handledAt && handledAt <= new Date().toISOString(), handledAt).toBe(true);
    // The answer signs the photo's link afresh: the same photo, a link valid from now.
    const relinked = expectLink((resolved.body as QueuedProblem | undefined)?.recent[1]?.photos[0], photo);
    expect(resolved).toMatchObject({ status: 200 });
    expect(resolved.body).toStrictEqual({
      ...open,
      state: 'resolved',
      note: '已更换空调',
      handledAt,
      updatedAt: handledAt,
      version: 3,
      recent: [open.recent[0], { ...open.recent[1], photos: [relinked] }],
    });

    // Each reporter sees their own report with the answer; neither sees the other's.
    const answered = (await mine(first)).body as { reports: MyReport[] };
    const theirs = (await mine(second)).body as { reports: MyReport[] };
    const answeredOn = {
      stationId: station.id,
      stationName: station.name,
      kind: 'brokenAircon',
      state: 'resolved',
      note: '已更换空调',
      handledAt,
      reportCount: 2,
    };
    expect(answered).toStrictEqual({
      reports: [
        {
          ...answeredOn,
          id: firstReport.id,
          text: '空调不制冷',
          createdAt: firstReport.createdAt,
          photos: [expectLink(answered.reports[0]?.photos[0], photo)],
        },
      ],
    });
    expect(theirs).toStrictEqual({
      reports: [
        { ...answeredOn, id: secondReport.id, text: '', createdAt: secondReport.createdAt, photos: [] },
      ],
    });
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
  let stationName: string;
  let problemId: string;
  let reporter: string;
  let filedReport: { id: string; createdAt: string };

  beforeAll(async () => {
    ({ id: stationId, name: stationName } = await createStation(daxin));
    reporter = await worker();
    const filed = await report(reporter, stationId, {
      kind: 'unsafe',
      text: '电线裸露',
      requestId: randomUUID(),
    });
    filedReport = (filed.body as { report: { id: string; createdAt: string } }).report;
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

  it('answers bad query values and forged cursors with 400 and the code of each', async () => {
    for (const [query, code] of [
      ['state=closed', 'VALIDATION_FAILED'],
      ['kind=fire', 'VALIDATION_FAILED'],
      [`org=${'9'.repeat(400)}`, 'VALIDATION_FAILED'],
      ['org=../../etc', 'VALIDATION_FAILED'],
      ['cursor=eyJhIjoxfQ', 'BAD_CURSOR'],
      [`cursor=${'x'.repeat(5000)}`, 'VALIDATION_FAILED'],
    ] as const) {
      const answer = await queue(daxin, query);
      expect({
        query,
        status: answer.status,
        code: (answer.body as { error: { code: string } }).error.code,
      }).toStrictEqual({
        query,
        status: 400,
        code,
      });
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
    expect(await work(daxin, problemId, { version: 9, state: 'resolved' })).toMatchObject({
      status: 409,
      body: versionConflict(1),
    });
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
    expectRefused(huge, 413, 'PAYLOAD_TOO_LARGE');
    const [unchanged] = await problemsOf(daxin, 'state=new&kind=unsafe', stationId);
    expect(unchanged).toMatchObject({
      id: problemId,
      state: 'new',
      version: 1,
      note: null,
      handledAt: null,
      reportCount: 1,
    });
  });

  it('refuses staff a prefix away, staff below the station’s union and malformed JSON, changing nothing', async () => {
    const { pk, sk } = problemKeys.problem(problemId);
    const before = await storedItem(pk, sk);
    expect(before).toMatchObject({ state: 'new', version: 1, reportCount: 1 });
    // …/32058 and …/320582/dax are string prefixes of 大新镇's …/320582/daxin, but neither is above it.
    for (const orgPath of ['320000/320500/32058', `${ZJG}/dax`]) {
      const beside = await freshApiUser('pfx', orgPath);
      expectRefused(
        await work(beside.token, problemId, { version: 1, state: 'resolved', note: '越权' }),
        403,
        'OUT_OF_SCOPE',
      );
    }
    expectRefused(
      await request('POST', `/staff/problems/${problemId}`, { token: daxin, rawBody: '{"version":' }),
      400,
      'MALFORMED_JSON',
    );
    expect(await storedItem(pk, sk)).toStrictEqual(before);

    // A problem of 张家港's own station: 顾晓东 (大新镇, below it) may not answer it; 李敏 may.
    const county = await createStation(zjg, ZJG);
    const filed = await report(await worker(), county.id, { kind: 'dirty', requestId: randomUUID() });
    const countyProblem = (filed.body as { report: { problemId: string } }).report.problemId;
    const stored = problemKeys.problem(countyProblem);
    const filedState = await storedItem(stored.pk, stored.sk);
    expect(filedState).toMatchObject({ state: 'new', version: 1, orgPath: ZJG });
    expectRefused(await work(daxin, countyProblem, { version: 1, state: 'resolved' }), 403, 'OUT_OF_SCOPE');
    expect(await storedItem(stored.pk, stored.sk)).toStrictEqual(filedState);
    expect(await work(zjg, countyProblem, { version: 1, state: 'resolved' })).toMatchObject({
      status: 200,
      body: { id: countyProblem, state: 'resolved', version: 2 },
    });
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
    const won = answers.find((a) => a.status === 200)!.body as QueuedProblem;
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body).toStrictEqual(versionConflict(2));
    const [stored] = await problemsOf(daxin, `state=${won.state}&kind=noWater`, station.id);
    expect(won).toStrictEqual(stored);
    expect([won.state, won.note]).toStrictEqual(
      won.state === 'acknowledged' ? ['acknowledged', '甲'] : ['resolved', '乙'],
    );
  });

  it('answers a retried answer whose first reply was lost with the problem as it is (200), not 409', async () => {
    const station = await createStation(daxin);
    const filed = await report(await worker(), station.id, { kind: 'dirty', requestId: randomUUID() });
    const id = (filed.body as { report: { problemId: string } }).report.problemId;
    const change = { version: 1, state: 'acknowledged', note: '已安排保洁' };

    const first = await work(daxin, id, change);
    const retried = await work(daxin, id, change);

    expect(first.status).toBe(200);
    expect({ status: retried.status, body: retried.body }).toStrictEqual({ status: 200, body: first.body });
    expect(first.body).toMatchObject({ id, state: 'acknowledged', note: '已安排保洁', version: 2 });
    // Another answer on the old version is still refused.
    expect(await work(daxin, id, { version: 1, state: 'resolved' })).toMatchObject({
      status: 409,
      body: versionConflict(2),
    });
  });

  it('shows a worker only their own reports', async () => {
    const stranger = await worker();
    expect((await mine(stranger)).body).toStrictEqual({ reports: [] });
    expectRefused(await mine(undefined), 401, 'UNAUTHENTICATED');
    expect((await mine(reporter)).body).toStrictEqual({
      reports: [
        {
          id: filedReport.id,
          stationId,
          stationName,
          kind: 'unsafe',
          text: '电线裸露',
          createdAt: filedReport.createdAt,
          photos: [],
          state: 'new',
          note: null,
          handledAt: null,
          reportCount: 1,
        },
      ],
    });
  });
});
