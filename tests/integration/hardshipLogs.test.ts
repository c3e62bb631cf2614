import { randomInt, randomUUID } from 'node:crypto';
import type { HouseholdCreateInput, HouseholdFile, VisitCreateInput } from '@ankang/shared';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { handler as createHardshipFile } from '../../functions/src/handlers/createHardshipFile';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { handler as getHardshipFile } from '../../functions/src/handlers/getHardshipFile';
import { handler as listHardshipFiles } from '../../functions/src/handlers/listHardshipFiles';
import { handler as listHardshipVisits } from '../../functions/src/handlers/listHardshipVisits';
import { handler as revealHardshipFile } from '../../functions/src/handlers/revealHardshipFile';
import { logger } from '../../functions/src/lib/logger';
import { httpEvent, invoke, lambdaContext } from '../support/events';
import { freshUser } from './fixtures';
import {
  audit,
  draft,
  filed,
  get,
  hardshipScene,
  idNumberEndingInX,
  idNumberFor,
  lines,
  list,
  mobileFor,
  newFileId,
  post,
  put,
  rawFile,
  reveal,
  setLine,
} from './hardshipFixtures';
import { householdRow, importAs, importCsv, wrongCheck } from './householdImportFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/** Everything written to stdout, stderr or the console while a test runs (Powertools writes JSON lines to stdout). */
const captured: string[] = [];
/** Every value a log must never hold: full ID numbers, phones, street addresses, household names. */
const secrets = new Set<string>();

beforeAll(() => {
  // The test environment silences the logger; here every level must be written, or the scan proves nothing.
  logger.setLogLevel('DEBUG');
  const record = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(record);
  vi.spyOn(process.stderr, 'write').mockImplementation(record);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      record(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
  }
});

afterAll(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

/** Digits-only forms too: a phone typed with dashes, an ID number's 17 digits before any check character. */
function remember(household: { idNumber?: string; phone?: string; address?: string; headName?: string }) {
  if (household.idNumber) secrets.add(household.idNumber.slice(0, 17));
  if (household.phone) secrets.add(household.phone.replace(/-/g, ''));
  if (household.address) secrets.add(household.address);
  if (household.headName) secrets.add(household.headName);
}

/** A household with its own name, ID number, phone and street, remembered as secrets. */
function household(orgPath: string, overrides: Partial<HouseholdCreateInput> = {}): HouseholdCreateInput {
  const tag = randomUUID().slice(0, 6);
  const body = draft(orgPath, {
    headName: `示例户·${tag}`,
    address: `示例路 ${randomInt(1, 100_000)} 号 ${tag} 室`,
    ...overrides,
  });
  remember(body);
  for (const member of body.members) secrets.add(member.name);
  return body;
}

/**
 * Log lines that hold a remembered secret, or anything shaped like an ID number or a mobile number.
 * Long ids and hashes (hf_ + 32 hex, request ids) are set aside for the shape test: their digit runs
 * are chance, not data.
 */
function leaks(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    if ([...secrets].some((secret) => line.includes(secret))) return true;
    const shaped = line.replace(/[A-Za-z0-9_+/=-]{24,}/g, (token) => (/^\d+$/.test(token) ? token : ' '));
    return /(?<!\d)\d{17}[\dXx](?![\dXx])/.test(shaped) || /(?<!\d)1[3-9]\d{9}(?!\d)/.test(shaped);
  });
}

/** An edit body: everything but the id and the ID number, which never change. */
function editable(body: HouseholdCreateInput) {
  const { id: _id, idNumber: _idNumber, ...rest } = body;
  return rest;
}

const visit = (overrides: Partial<VisitCreateInput> = {}): VisitCreateInput => ({
  id: `hv_${randomUUID().replace(/-/g, '')}`,
  visitedOn: '2026-03-10',
  mode: 'home',
  annualIncomeFen: 3_000_000,
  annualFixedSpendingFen: 600_000,
  householdSize: 2,
  earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: false }],
  largeSpending: [],
  housing: [],
  risk: 'low',
  nextVisitDue: '2026-06-10',
  ...overrides,
});
const postVisit = (token: string, fileId: string, body: unknown) =>
  invoke(
    createHardshipVisit,
    httpEvent({
      method: 'POST',
      path: `/staff/hardship/files/${fileId}/visits`,
      token,
      params: { id: fileId },
      body,
    }),
  );
const listVisits = (token: string, fileId: string) =>
  invoke(
    listHardshipVisits,
    httpEvent({ path: `/staff/hardship/files/${fileId}/visits`, token, params: { id: fileId } }),
  );

/**
 * A handler's status and error code when it is expected to fail inside (invoke would refuse an
 * undeclared 500): 503 SERVICE_BUSY when the table refused for load, 500 INTERNAL for a bug.
 */
async function crash(
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>,
  request: Parameters<typeof httpEvent>[0],
): Promise<[number | undefined, string | undefined]> {
  const result = await handler(httpEvent(request), lambdaContext);
  const { statusCode, body } = result as { statusCode?: number; body?: string };
  return [statusCode, JSON.parse(body ?? '{}').error?.code];
}
const busy = [503, 'SERVICE_BUSY'];
const internal = [500, 'INTERNAL'];

/** Makes the next table write (Put, Update, transaction) fail as DynamoDB does when overloaded; reads pass. */
function failNextWrite(): void {
  const error = Object.assign(new Error('Throughput exceeds the current capacity of your table or index.'), {
    name: 'ProvisionedThroughputExceededException',
  });
  const send = db.send.bind(db) as (command: unknown) => Promise<unknown>;
  const spy = vi.spyOn(db, 'send');
  pendingFailure = spy;
  spy.mockImplementation((async (command: { constructor: { name: string } }) => {
    if (!/^(TransactWrite|Put|Update)Command$/.test(command.constructor.name)) return send(command);
    spy.mockRestore();
    pendingFailure = null;
    throw error;
  }) as never);
}
let pendingFailure: { mockRestore(): void } | null = null;

afterEach(() => {
  // A failure that no write consumed must not leak into the next test; and it means the test drove nothing.
  const unused = pendingFailure;
  pendingFailure = null;
  unused?.mockRestore();
  expect(unused, 'an injected write failure was never reached').toBeNull();
});

describe('Logs of the hardship routes', () => {
  it('flags what it must (the scanner itself)', () => {
    const id = idNumberEndingInX();
    remember({ idNumber: id, address: '示例路 1 号 abc 室' });
    expect(
      leaks([`{"message":"x","id":"${id.toLowerCase()}"}`, '{"phone":"13912345678"}', '示例路 1 号 abc 室']),
    ).toHaveLength(3);
    expect(
      leaks(['{"message":"request refused","code":"VALIDATION_FAILED","fileId":"hf_0123"}']),
    ).toStrictEqual([]);
    // What the functions' logger writes reaches the capture (the probe line is then set aside).
    const before = captured.length;
    logger.warn('probe', { fileId: 'hf_probe', idNumber: id });
    const probe = captured.splice(before);
    expect(leaks(probe)).toHaveLength(1);
    expect(JSON.parse(probe[0]!)).toMatchObject({ level: 'WARN', message: 'probe', fileId: 'hf_probe' });
  });

  it('hold no ID number, phone, address or name while files are filed, read, listed, edited, revealed and audited', async () => {
    const scene = await hardshipScene();
    const body = household(scene.town, { idNumber: idNumberEndingInX() });
    const file = await filed(scene.townStaff.token, body);
    expect((await get(scene.townStaff.token, file.id)).status).toBe(200);
    expect((await list(scene.countyStaff.token, { orgPath: scene.county })).status).toBe(200);
    const phone = mobileFor();
    remember({ phone });
    expect(
      (await put(scene.townStaff.token, file.id, { ...editable(body), phone, version: file.version })).status,
    ).toBe(200);
    expect((await reveal(scene.townStaff.token, file.id, { reason: '核对低保申请材料' })).status).toBe(200);
    expect((await audit(scene.countyStaff.token, file.id)).status).toBe(200);
    expect(
      (
        await setLine(scene.rootStaff.token, {
          orgPath: scene.root,
          effectiveFrom: '2026-01-01',
          monthlyFen: 109_500,
        })
      ).status,
    ).toBe(200);
    expect((await lines(scene.townStaff.token, { orgPath: scene.town })).status).toBe(200);
    expect((await postVisit(scene.townStaff.token, file.id, visit())).status).toBe(201);
    expect((await listVisits(scene.townStaff.token, file.id)).status).toBe(200);
    expect(leaks(captured)).toStrictEqual([]);
  });

  it('hold none when requests are refused: bad ID, bad phone, duplicate, reused id, no reason, out of scope, stale, bad JSON', async () => {
    const scene = await hardshipScene();
    const first = household(scene.town);
    const file = await filed(scene.townStaff.token, first);
    const refusals = [
      await post(scene.townStaff.token, household(scene.town, { idNumber: wrongCheck(idNumberFor()) })),
      await post(scene.townStaff.token, household(scene.town, { idNumber: idNumberFor().slice(0, 15) })),
      await post(scene.townStaff.token, household(scene.town, { phone: '1391234567' })),
      await post(scene.townStaff.token, household(scene.town, { idNumber: first.idNumber })),
      await post(scene.besideStaff.token, household(scene.beside, { idNumber: first.idNumber })),
      await post(scene.townStaff.token, household(scene.town, { id: first.id })),
      await post(scene.besideStaff.token, household(scene.town)),
      await reveal(scene.townStaff.token, file.id, {}),
      await reveal(scene.besideStaff.token, file.id, { reason: '核对信息' }),
      await get(scene.besideStaff.token, file.id),
      await get((await freshUser({ roles: ['volunteer'], orgPath: scene.town })).token, file.id),
      await put(scene.townStaff.token, file.id, { ...household(scene.town), version: file.version }),
      await put(scene.townStaff.token, file.id, {
        ...editable(household(scene.town)),
        version: file.version + 5,
      }),
      await audit(scene.townStaff.token, file.id),
      await postVisit(scene.townStaff.token, file.id, { ...visit(), perCapitaMonthlyFen: 1 }),
      await invoke(
        createHardshipFile,
        httpEvent({
          method: 'POST',
          path: '/staff/hardship/files',
          token: scene.townStaff.token,
          rawBody: `{"id":"${newFileId()}","idNumber":"${first.idNumber}","phone":"${first.phone}",`,
        }),
      ),
    ];
    expect(refusals.map((answer) => answer.status)).toStrictEqual([
      400, 400, 400, 409, 409, 409, 403, 400, 403, 403, 403, 400, 409, 403, 400, 400,
    ]);
    expect(captured.join('\n')).toContain('request refused');
    expect(leaks(captured)).toStrictEqual([]);
  });

  it('hold none when an import has bad rows, or a write fails inside it', async () => {
    const scene = await hardshipScene();
    const tag = randomUUID().slice(0, 6);
    const rows = [
      householdRow({ 户主姓名: `示例户·${tag}`, 同意人: `示例户·${tag}` }),
      householdRow({ 身份证号: wrongCheck(idNumberFor()) }),
      householdRow({ 联系电话: '1391234' }),
    ];
    for (const row of rows)
      remember({
        idNumber: row.身份证号,
        phone: row.联系电话,
        address: row.家庭住址,
        headName: row.户主姓名,
      });
    expect((await importCsv(scene.countyStaff.token, scene.county, rows, true)).status).toBe(200);
    failNextWrite();
    const answer = await importCsv(scene.countyStaff.token, scene.county, rows, false);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ created: 0 });
    expect(
      (
        await importAs(scene.countyStaff.token, {
          orgPath: scene.county,
          format: 'csv',
          fileName: 'x.csv',
          content: '!!',
        })
      ).status,
    ).toBe(400);
    expect(captured.join('\n')).toContain('household import write failed');
    expect(leaks(captured)).toStrictEqual([]);
  });

  it('hold none when a handler throws: the table fails, a sealed value was tampered with, a masked field holds a full number', async () => {
    const scene = await hardshipScene();
    const token = scene.townStaff.token;
    failNextWrite();
    const body = household(scene.town);
    expect(
      await crash(createHardshipFile, { method: 'POST', path: '/staff/hardship/files', token, body }),
    ).toStrictEqual(busy);
    const file: HouseholdFile = await filed(token, household(scene.town));
    const at = `/staff/hardship/files/${file.id}`;
    failNextWrite();
    const visitBody = visit();
    expect(
      await crash(createHardshipVisit, {
        method: 'POST',
        path: `${at}/visits`,
        token,
        params: { id: file.id },
        body: visitBody,
      }),
    ).toStrictEqual(busy);

    const stored = (await rawFile(file.id))!;
    const sealed = stored.sealed as { fields: Record<string, string> };
    const blob = Buffer.from(sealed.fields.idNumber!, 'base64');
    blob[blob.length - 1] = blob.at(-1)! ^ 1;
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: stored.pk, sk: stored.sk },
        UpdateExpression: 'SET sealed.#fields.idNumber = :blob',
        ExpressionAttributeNames: { '#fields': 'fields' },
        ExpressionAttributeValues: { ':blob': blob.toString('base64') },
      }),
    );
    const reason = { reason: '核对低保申请材料' };
    expect(
      await crash(revealHardshipFile, {
        method: 'POST',
        path: `${at}/reveal`,
        token,
        params: { id: file.id },
        body: reason,
      }),
    ).toStrictEqual(internal);

    // A bug that put the full number where the masked one belongs: the output is refused (500), and
    // the refusal is logged without the number.
    const other = household(scene.town);
    const otherFile = await filed(token, other);
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `HFILE#${otherFile.id}`, sk: 'FILE' },
        UpdateExpression: 'SET idNumberMasked = :full, phoneMasked = :phone',
        ExpressionAttributeValues: { ':full': other.idNumber, ':phone': other.phone },
      }),
    );
    const otherAt = `/staff/hardship/files/${otherFile.id}`;
    expect(
      await crash(getHardshipFile, { path: otherAt, token, params: { id: otherFile.id } }),
    ).toStrictEqual(internal);
    expect(
      await crash(listHardshipFiles, {
        path: '/staff/hardship/files',
        token,
        query: { orgPath: scene.town },
      }),
    ).toStrictEqual(internal);

    const text = captured.join('\n');
    expect(text).toContain('unhandled error');
    expect(text).toContain('database busy');
    expect(text).toContain('ProvisionedThroughputExceededException');
    expect(leaks(captured)).toStrictEqual([]);
  });
});
