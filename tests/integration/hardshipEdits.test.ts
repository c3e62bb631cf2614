import type { HouseholdCreateInput, HouseholdFile } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { freshOrg, freshUser } from './fixtures';
import {
  draft,
  errorBody,
  expectNothingStored,
  filed,
  get,
  hardshipScene,
  idNumberFor,
  mask,
  mobileFor,
  newFileId,
  post,
  put,
  rawAudit,
  rawFile,
  reveal,
} from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

describe('Handler: createHardshipFile caseworker', () => {
  async function withCaseworker(caller: { token: string }, orgPath: string, userId: string) {
    const body = draft(orgPath, { caseworkerUserId: userId });
    const answer = await post(caller.token, body);
    if (answer.status !== 201) await expectNothingStored(body.id);
    return answer;
  }

  it('takes staff of the file’s node or above inside the caller’s scope, and refuses anyone else with 422', async () => {
    const scene = await hardshipScene();
    const sibling = await freshOrg(scene.county, '邻镇工会');
    const [siblingStaff, worker, volunteer] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: sibling }),
      freshUser(),
      freshUser({ roles: ['volunteer'], orgPath: scene.town }),
    ]);
    const ok = await withCaseworker(scene.countyStaff, scene.town, scene.townStaff.userId);
    expect(ok.status).toBe(201);
    expect((ok.body as HouseholdFile).caseworkerUserId).toBe(scene.townStaff.userId);
    const above = await withCaseworker(scene.countyStaff, scene.town, scene.countyStaff.userId);
    expect(above.status).toBe(201);
    for (const userId of [
      siblingStaff.userId, // beside the file's node
      scene.rootStaff.userId, // above the caller's scope
      worker.userId,
      volunteer.userId,
      'u_000000000000000000000000', // nobody
    ]) {
      const refused = await withCaseworker(scene.countyStaff, scene.town, userId);
      expect(refused).toStrictEqual({
        status: 422,
        body: errorBody('CASEWORKER_INVALID', '所选帮扶责任人不是本辖区的工会工作人员'),
      });
    }
  });
});

describe('Handler: updateHardshipFile', () => {
  const editOf = (body: HouseholdCreateInput, version: number, changes: object = {}) => {
    const { id: _id, idNumber: _number, ...rest } = body;
    return { ...rest, version, ...changes };
  };

  it('edits a file at its version, keeps the ID number, and refuses a stale version with 409', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    // A second later, so the trail's order is the order of the writes.
    vi.setSystemTime(new Date(Date.now() + 1000));
    const edited = await put(
      scene.townStaff.token,
      body.id,
      editOf(body, 1, { status: 'exited', exitDate: '2026-01-10' }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'exited',
      exitDate: '2026-01-10',
      version: 2,
      idNumberMasked: mask(body.idNumber),
    });
    // A retry of that edit is answered; another edit based on version 1 is refused.
    expect(
      await put(
        scene.townStaff.token,
        body.id,
        editOf(body, 1, { status: 'exited', exitDate: '2026-01-10' }),
      ),
    ).toStrictEqual(edited);
    expect(await put(scene.townStaff.token, body.id, editOf(body, 1, { category: 'deep' }))).toStrictEqual({
      status: 409,
      body: errorBody('VERSION_CONFLICT', '数据已被他人修改，请刷新后重试', { currentVersion: 2 }),
    });
    expect((await rawAudit(body.id)).map((event) => event.action)).toStrictEqual([
      'createFile',
      'updateFile',
    ]);
  });

  it('refuses an ID number in an edit, a move out of scope and an edit from beside', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const withNumber = await put(scene.townStaff.token, body.id, {
      ...editOf(body, 1),
      idNumber: idNumberFor(),
    });
    expect(withNumber).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body.idNumber' }] } } },
    });
    const version = 1;
    expect(
      await put(scene.townStaff.token, body.id, editOf(body, version, { orgPath: scene.county })),
    ).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(
      await put(scene.besideStaff.token, body.id, editOf(body, version, { orgPath: scene.beside })),
    ).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await get(scene.townStaff.token, body.id)).toMatchObject({
      status: 200,
      body: { version: 1, orgPath: scene.town },
    });
    expect((await rawAudit(body.id)).length).toBe(1);
  });

  it('moves a file within scope with a new phone: re-sealed, and the ID claim follows the file', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const phone = mobileFor();
    const moved = await put(
      scene.countyStaff.token,
      body.id,
      editOf(body, 1, { orgPath: scene.county, phone }),
    );
    expect(moved).toMatchObject({
      status: 200,
      body: {
        orgPath: scene.county,
        district: '测试县工会',
        phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        // The town's caseworker cannot hold a county file: the mover took it over.
        caseworkerUserId: scene.countyStaff.userId,
      },
    });
    // The town staff who filed it can no longer read it by sending their create again.
    expect(await post(scene.townStaff.token, body)).toStrictEqual({
      status: 403,
      body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
    });
    expect(await reveal(scene.countyStaff.token, body.id, { reason: '核对新电话' })).toStrictEqual({
      status: 200,
      body: { idNumber: body.idNumber, phone, address: body.address },
    });
    // The file now sits above the town: its staff learn only that the number is filed elsewhere.
    expect(await post(scene.townStaff.token, draft(scene.town, { idNumber: body.idNumber }))).toStrictEqual({
      status: 409,
      body: errorBody('HARDSHIP_FILE_EXISTS', '该身份证号码已在其他工会建档，请联系上级工会'),
    });
    expect(
      await post(scene.countyStaff.token, draft(scene.county, { idNumber: body.idNumber })),
    ).toStrictEqual({
      status: 409,
      body: errorBody('HARDSHIP_FILE_EXISTS', '该身份证号码已建档，不能重复建档', { fileId: body.id }),
    });
  });

  it('keeps the sealed phone when an edit leaves it out (staff only ever hold it masked)', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const { phone: _phone, ...withoutPhone } = editOf(body, 1, { notes: '补充备注' });
    const edited = await put(scene.townStaff.token, body.id, withoutPhone);
    expect(edited).toMatchObject({
      status: 200,
      body: {
        version: 2,
        notes: '补充备注',
        phoneMasked: `${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`,
      },
    });
    expect(await reveal(scene.townStaff.token, body.id, { reason: '核对电话' })).toStrictEqual({
      status: 200,
      body: { idNumber: body.idNumber, phone: body.phone, address: body.address },
    });
  });

  it('refuses an edit from a worker, a volunteer, no token and staff below the file, changing nothing', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.county);
    await filed(scene.countyStaff.token, body);
    const [worker, volunteer] = await Promise.all([
      freshUser(),
      freshUser({ roles: ['volunteer'], orgPath: scene.county }),
    ]);
    const edit = editOf(body, 1, { notes: '不应保存' });
    const forbidden = { status: 403, body: errorBody('FORBIDDEN', '您没有执行此操作的权限') };
    expect(await put(worker.token, body.id, edit)).toStrictEqual(forbidden);
    expect(await put(volunteer.token, body.id, edit)).toStrictEqual(forbidden);
    expect(await put('', body.id, edit)).toStrictEqual({
      status: 401,
      body: errorBody('UNAUTHENTICATED', '请先登录'),
    });
    expect(await put(scene.townStaff.token, body.id, { ...edit, orgPath: scene.town })).toStrictEqual({
      status: 403,
      body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
    });
    expect(await rawFile(body.id)).toMatchObject({ version: 1 });
    expect((await rawFile(body.id))?.notes).toBe(body.notes);
    expect((await rawAudit(body.id)).map((event) => event.action)).toStrictEqual(['createFile']);
  });

  it('lets only one of two racing edits of one version land', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.town);
    await filed(scene.townStaff.token, body);
    const answers = await Promise.all([
      put(scene.townStaff.token, body.id, editOf(body, 1, { category: 'deep' })),
      put(scene.countyStaff.token, body.id, editOf(body, 1, { category: 'accident' })),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([200, 409]);
    const kept = answers.find((answer) => answer.status === 200)!.body as HouseholdFile;
    expect(await get(scene.townStaff.token, body.id)).toMatchObject({
      status: 200,
      body: { category: kept.category, version: 2 },
    });
    expect((await rawAudit(body.id)).map((event) => event.action).sort()).toStrictEqual([
      'createFile',
      'updateFile',
    ]);
  });
});

describe('Handler: getHardshipFile', () => {
  it('answers staff of the node and above, refuses beside and below with 403, unknown with 404', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.county);
    await filed(scene.countyStaff.token, body);
    for (const user of [scene.countyStaff, scene.rootStaff, scene.admin]) {
      expect((await get(user.token, body.id)).status).toBe(200);
    }
    for (const user of [scene.besideStaff, scene.townStaff]) {
      expect(await get(user.token, body.id)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
    }
    const volunteer = await freshUser({ roles: ['volunteer'] });
    expect(await get(volunteer.token, body.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await get(scene.countyStaff.token, newFileId())).toMatchObject({
      status: 404,
      body: { error: { code: 'HARDSHIP_FILE_NOT_FOUND' } },
    });
  });
});
