import { randomUUID } from 'node:crypto';
import type { HouseholdFile } from '@ankang/shared';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { draft, visitDraft as visit } from '../support/households';
import { day } from '../support/shanghaiDay';
import { testTableName } from '../support/stack';
import { loginAsDemo, loginWithCode, request } from './http';
import { table } from './table';

/**
 * The issue's "how this will be checked", over real HTTP: staff of 大新镇 file a household and
 * record visits; staff beside (苏州工业园区), a volunteer, a worker and nobody are refused; an
 * unmasked read without a reason is refused, with one it is audited; the table holds no plaintext.
 */

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const SIP = '320000/320500/320571';

const refusal = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
  headers: expect.anything(),
});
const OUT_OF_SCOPE = refusal(403, 'OUT_OF_SCOPE', '超出您所在工会组织的管理范围');
const FORBIDDEN = refusal(403, 'FORBIDDEN', '您没有执行此操作的权限');

let daxin: string;
let zjg: string;
let sip: string;
let body: ReturnType<typeof draft>;
let file: HouseholdFile;

describe('API: hardship files as the issue checks them', () => {
  beforeAll(async () => {
    [daxin, zjg, sip] = await Promise.all([
      loginAsDemo('顾晓东'),
      loginAsDemo('李敏'),
      loginAsDemo('沈佳怡'),
    ]);
    body = draft(DAXIN);
    const created = await request('POST', '/staff/hardship/files', { token: daxin, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    file = created.body as HouseholdFile;
  });

  it('files a household in 大新镇, masked, and 张家港 above reads it', async () => {
    expect(file).toMatchObject({
      id: body.id,
      orgPath: DAXIN,
      idNumberMasked: `${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(-4)}`,
      phoneMasked: `${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`,
      address: body.address,
      caseworkerName: '顾晓东',
      version: 1,
    });
    const read = await request('GET', `/staff/hardship/files/${body.id}`, { token: zjg });
    expect({ status: read.status, body: read.body }).toStrictEqual({ status: 200, body: file });
    const listed = await request('GET', `/staff/hardship/files?orgPath=${encodeURIComponent(DAXIN)}`, {
      token: daxin,
    });
    expect(listed.status).toBe(200);
    expect((listed.body as { files: { id: string }[] }).files.map((f) => f.id)).toContain(body.id);
  });

  it('records visits; the file shows the latest and the timeline lists them newest first', async () => {
    const older = visit({ visitedOn: day(-20), nextVisitDue: day(10) });
    const newer = visit({ annualIncomeFen: 1_200_000 });
    for (const v of [older, newer]) {
      const answer = await request('POST', `/staff/hardship/files/${body.id}/visits`, {
        token: daxin,
        body: v,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      // ¥24,000 or ¥12,000 a year for two, spending nothing fixed: ¥1,000 or ¥500 a head each month.
      expect((answer.body as { perCapitaMonthlyFen: number }).perCapitaMonthlyFen).toBe(
        v === older ? 100_000 : 50_000,
      );
    }
    const timeline = await request('GET', `/staff/hardship/files/${body.id}/visits`, { token: daxin });
    expect(timeline.status).toBe(200);
    expect((timeline.body as { visits: { id: string }[] }).visits.map((v) => v.id)).toStrictEqual([
      newer.id,
      older.id,
    ]);
    const now = await request('GET', `/staff/hardship/files/${body.id}`, { token: daxin });
    expect(now.body).toMatchObject({
      lastVisitOn: newer.visitedOn,
      nextVisitDue: newer.nextVisitDue,
      perCapitaMonthlyFen: 50_000,
    });
    // A typed per-capita figure is refused, not trusted.
    const typed = await request('POST', `/staff/hardship/files/${body.id}/visits`, {
      token: daxin,
      body: { ...visit(), perCapitaMonthlyFen: 999_999 },
    });
    expect(typed.status).toBe(400);
  });

  it('refuses staff beside (苏州工业园区) on every file route with 403 OUT_OF_SCOPE', async () => {
    expect(await request('GET', `/staff/hardship/files/${body.id}`, { token: sip })).toStrictEqual(
      OUT_OF_SCOPE,
    );
    expect(
      await request('GET', `/staff/hardship/files?orgPath=${encodeURIComponent(DAXIN)}`, { token: sip }),
    ).toStrictEqual(OUT_OF_SCOPE);
    expect(
      await request('POST', `/staff/hardship/files/${body.id}/reveal`, {
        token: sip,
        body: { reason: '核对信息' },
      }),
    ).toStrictEqual(OUT_OF_SCOPE);
    expect(
      await request('POST', `/staff/hardship/files/${body.id}/visits`, { token: sip, body: visit() }),
    ).toStrictEqual(OUT_OF_SCOPE);
    expect(await request('POST', '/staff/hardship/files', { token: sip, body: draft(DAXIN) })).toStrictEqual(
      OUT_OF_SCOPE,
    );
    // 大新镇 staff above their own node (张家港) are refused alike.
    expect(
      await request('GET', `/staff/hardship/files?orgPath=${encodeURIComponent(ZJG)}`, { token: daxin }),
    ).toStrictEqual(OUT_OF_SCOPE);
  });

  it('refuses a volunteer and a worker with 403 FORBIDDEN and nobody with 401', async () => {
    const volunteer = await loginAsDemo('赵磊');
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    for (const token of [volunteer, worker]) {
      expect(await request('GET', `/staff/hardship/files/${body.id}`, { token })).toStrictEqual(FORBIDDEN);
      expect(await request('GET', '/staff/hardship/files', { token })).toStrictEqual(FORBIDDEN);
      expect(
        await request('POST', `/staff/hardship/files/${body.id}/reveal`, {
          token,
          body: { reason: '核对信息' },
        }),
      ).toStrictEqual(FORBIDDEN);
    }
    const anonymous = await request('GET', `/staff/hardship/files/${body.id}`);
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('refuses an unmasked read without a reason, and audits one with a reason', async () => {
    const before = await auditActions(body.id);
    const bare = await request('POST', `/staff/hardship/files/${body.id}/reveal`, { token: daxin, body: {} });
    expect(bare).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'REVEAL_REASON_REQUIRED',
          message: '查看完整信息须填写原因',
          details: { issues: [{ path: 'body.reason', message: '请填写查看原因' }] },
        },
      },
      headers: expect.anything(),
    });
    expect(await auditActions(body.id)).toStrictEqual(before);
    const revealed = await request('POST', `/staff/hardship/files/${body.id}/reveal`, {
      token: daxin,
      body: { reason: '核对低保申请材料' },
    });
    expect({ status: revealed.status, body: revealed.body }).toStrictEqual({
      status: 200,
      body: { idNumber: body.idNumber, phone: body.phone, address: body.address },
    });
    expect(await auditActions(body.id)).toStrictEqual([...before, 'revealHousehold']);
    // The trail is for the union above: 张家港 reads it, 大新镇 itself does not.
    const trail = await request('GET', `/staff/hardship/files/${body.id}/audit`, { token: zjg });
    expect(trail.status).toBe(200);
    expect(
      (trail.body as { events: { action: string; actorName: string; reason?: string }[] }).events[0],
    ).toMatchObject({
      action: 'revealHousehold',
      actorName: '顾晓东',
      reason: '核对低保申请材料',
    });
    expect(await request('GET', `/staff/hardship/files/${body.id}/audit`, { token: daxin })).toStrictEqual(
      refusal(403, 'FORBIDDEN', '仅上级工会可查看访问记录'),
    );
  });

  it('refuses filing the same ID number again in the province, naming the file only to who may open it', async () => {
    const again = await request('POST', '/staff/hardship/files', {
      token: zjg,
      body: draft(ZJG, { idNumber: body.idNumber }),
    });
    expect(again).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'HARDSHIP_FILE_EXISTS',
          message: '该身份证号码已建档，不能重复建档',
          details: { fileId: body.id },
        },
      },
      headers: expect.anything(),
    });
    const elsewhere = await request('POST', '/staff/hardship/files', {
      token: sip,
      body: draft(SIP, { idNumber: body.idNumber }),
    });
    expect(elsewhere).toStrictEqual(
      refusal(409, 'HARDSHIP_FILE_EXISTS', '该身份证号码已在其他工会建档，请联系上级工会'),
    );
  });

  it('leaves no plaintext ID number or phone anywhere in the table', async () => {
    let text = '';
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.send(
        new ScanCommand({ TableName: testTableName, ExclusiveStartKey: startKey }),
      );
      text += JSON.stringify(page.Items ?? []);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(text).toContain(body.id);
    for (const secret of [body.idNumber, body.idNumber.toLowerCase(), body.phone, body.address]) {
      expect(text).not.toContain(secret);
    }
  });
});

async function auditActions(fileId: string): Promise<string[]> {
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: testTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${fileId}` },
    }),
  );
  return Items.map((item) => String(item.action));
}
