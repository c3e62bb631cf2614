import type { HouseholdCreateInput, HouseholdFile } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import {
  draft,
  errorBody,
  expectNothingStored,
  filed,
  get,
  hardshipScene,
  idNumberFor,
  mask,
  partition,
  post,
  rawAudit,
} from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/** The detail a create must answer, built from the draft and the scene (not from the code). */
function expectedFile(body: HouseholdCreateInput, caseworkerUserId: string, orgName: string): HouseholdFile {
  const at = new Date().toISOString();
  const size = body.members.length;
  return {
    id: body.id,
    headName: body.headName,
    idNumberMasked: mask(body.idNumber),
    orgPath: body.orgPath,
    orgName,
    district: orgName,
    category: body.category,
    status: body.status,
    causes: body.causes,
    householdSize: size,
    // (36,000.00 − 6,000.00) ÷ 12 ÷ 2 = ¥1,250.00 in the default draft.
    perCapitaMonthlyFen: Math.round(
      (body.income.annualIncomeFen - body.income.annualFixedSpendingFen) / 12 / size,
    ),
    caseworkerName: '测试用户',
    visitOverdue: false,
    version: 1,
    phoneMasked: `${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`,
    address: body.address,
    members: body.members,
    income: body.income,
    consent: { ...body.consent, recordedBy: '测试用户', recordedAt: at },
    caseworkerUserId,
    suggestedCategory: null,
    createdAt: at,
    updatedAt: at,
  } as HouseholdFile;
}

describe('Handler: createHardshipFile', () => {
  it('files a household, masked, with its consent recorded and a 建档 audit event', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    const answer = await post(scene.townStaff.token, body);
    expect(answer).toStrictEqual({
      status: 201,
      body: expectedFile(body, scene.townStaff.userId, '测试镇工会'),
    });
    const events = await rawAudit(body.id);
    expect(events.map((event) => [event.action, event.actorUserId])).toStrictEqual([
      ['createFile', scene.townStaff.userId],
    ]);
  });

  it('stores no plaintext ID number, phone or street address in any item it writes', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town, { idNumber: idNumberFor('320571') });
    await filed(scene.townStaff.token, body);
    const items = [...(await partition(`HFILE#${body.id}`)), ...(await rawAudit(body.id))];
    const raw = JSON.stringify(items);
    // The file, its monitor (the sweep's schedule) and its 建档 event.
    expect(items.map((item) => item.sk).slice(0, 2)).toStrictEqual(['FILE', 'MONITOR']);
    expect(items.length).toBe(3);
    for (const secret of [body.idNumber, body.idNumber.slice(0, 17), body.phone, body.address]) {
      expect(raw).not.toContain(secret);
    }
    // The number is found by a keyed hash only: no claim key holds it either.
    expect(raw).not.toContain(body.idNumber.slice(6, 14));
  });

  it('answers a retry with the first result and writes nothing more', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    const first = await post(scene.townStaff.token, body);
    const again = await post(scene.townStaff.token, structuredClone(body));
    expect(again).toStrictEqual(first);
    expect((await rawAudit(body.id)).length).toBe(1);
  });

  it('refuses the same id with other content, or from someone else, with 409 REQUEST_ID_REUSED', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const reused = await post(scene.townStaff.token, { ...body, headName: '示例户·李某某' });
    expect(reused).toStrictEqual({
      status: 409,
      body: errorBody('REQUEST_ID_REUSED', '该记录编号已用于另一条内容不同的记录，请重新填写提交'),
    });
    const other = await post(scene.countyStaff.token, body);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'REQUEST_ID_REUSED' } });
    expect(((await get(scene.townStaff.token, body.id)).body as HouseholdFile).headName).toBe(body.headName);
    expect((await rawAudit(body.id)).length).toBe(1);
  });

  it('refuses a second filing of one ID number in the province tree; the file id only for who may open it', async () => {
    const scene = await hardshipScene();
    const first = draft(scene.town);
    await filed(scene.townStaff.token, first);
    // Another form of the same number (full-width digits, lower-case x, spaces) is the same number.
    const typed = first.idNumber.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const again = draft(scene.county, { idNumber: ` ${typed.toLowerCase()} ` });
    expect(await post(scene.countyStaff.token, again)).toStrictEqual({
      status: 409,
      body: errorBody('HARDSHIP_FILE_EXISTS', '该身份证号码已建档，不能重复建档', { fileId: first.id }),
    });
    const beside = draft(scene.beside, { idNumber: first.idNumber });
    expect(await post(scene.besideStaff.token, beside)).toStrictEqual({
      status: 409,
      body: errorBody('HARDSHIP_FILE_EXISTS', '该身份证号码已在其他工会建档，请联系上级工会'),
    });
    await expectNothingStored(again.id);
    await expectNothingStored(beside.id);
  });

  it('files the same ID number again in another province tree', async () => {
    const [one, two] = await Promise.all([hardshipScene(), hardshipScene()]);
    const first = draft(one.town);
    await filed(one.townStaff.token, first);
    const answer = await post(two.townStaff.token, draft(two.town, { idNumber: first.idNumber }));
    expect(answer.status).toBe(201);
  });

  it('lets only one of two racing filings of one number land', async () => {
    const scene = await hardshipScene();
    const idNumber = idNumberFor();
    const bodies = [draft(scene.town, { idNumber }), draft(scene.county, { idNumber })];
    const answers = await Promise.all([
      post(scene.townStaff.token, bodies[0]),
      post(scene.countyStaff.token, bodies[1]),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([201, 409]);
  });

  it('refuses a filing without consent, or a consent without 建档, and stores nothing', async () => {
    const scene = await hardshipScene();
    const { consent: _none, ...withoutConsent } = draft(scene.town);
    const noConsent = await post(scene.townStaff.token, withoutConsent);
    expect(noConsent.status).toBe(400);
    expect(noConsent.body).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: 'body.consent', message: '须记录户主（或监护人）同意建档的情况' }] },
      },
    });
    const body = draft(scene.town);
    const visitsOnly = await post(scene.townStaff.token, {
      ...body,
      consent: { ...body.consent, scopes: ['visits'] },
    });
    expect(visitsOnly.status).toBe(400);
    await expectNothingStored(withoutConsent.id);
    await expectNothingStored(body.id);
  });

  it('refuses a wrong check digit, a 15-digit number and a place out of scope', async () => {
    const scene = await hardshipScene();
    const good = idNumberFor();
    const wrongCheck = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    for (const idNumber of [wrongCheck, good.slice(0, 6) + good.slice(8, 17)]) {
      const body = draft(scene.town, { idNumber });
      const answer = await post(scene.townStaff.token, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      await expectNothingStored(body.id);
    }
    // Above the caller (the county over their town) and beside it.
    for (const orgPath of [scene.county, scene.beside]) {
      const body = draft(orgPath);
      expect(await post(scene.townStaff.token, body)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
      await expectNothingStored(body.id);
    }
  });
});
