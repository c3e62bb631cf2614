import { randomInt } from 'node:crypto';
import type { HouseholdCreateInput, HouseholdFile } from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { handler as createHardshipFile } from '../../functions/src/handlers/createHardshipFile';
import { handler as getHardshipFile } from '../../functions/src/handlers/getHardshipFile';
import { handler as listHardshipAudit } from '../../functions/src/handlers/listHardshipAudit';
import { handler as listHardshipFiles } from '../../functions/src/handlers/listHardshipFiles';
import { handler as listPovertyLines } from '../../functions/src/handlers/listPovertyLines';
import { handler as revealHardshipFile } from '../../functions/src/handlers/revealHardshipFile';
import { handler as setPovertyLine } from '../../functions/src/handlers/setPovertyLine';
import { handler as updateHardshipFile } from '../../functions/src/handlers/updateHardshipFile';
import { httpEvent, invoke } from '../support/events';
import { draft, idNumberEndingInX, idNumberFor, mobileFor, newFileId } from '../support/households';
import { freshOrg, freshUser, putOrg } from './fixtures';

export { draft, idNumberEndingInX, idNumberFor, mobileFor, newFileId };

/**
 * A province-like tree of its own (a fresh 6-digit root no real data uses), so ID uniqueness,
 * poverty lines and lists in one test never meet another's: root › county › town, and a county beside.
 */
export async function hardshipScene() {
  const root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
  await putOrg(root, root, '测试省工会');
  const county = await freshOrg(root, '测试县工会');
  const town = await freshOrg(county, '测试镇工会');
  const beside = await freshOrg(root, '旁边县工会');
  const [rootStaff, countyStaff, townStaff, besideStaff, admin] = await Promise.all([
    freshUser({ roles: ['staff'], orgPath: root }),
    freshUser({ roles: ['staff'], orgPath: county }),
    freshUser({ roles: ['staff'], orgPath: town }),
    freshUser({ roles: ['staff'], orgPath: beside }),
    freshUser({ roles: ['admin'] }),
  ]);
  return { root, county, town, beside, rootStaff, countyStaff, townStaff, besideStaff, admin };
}
export type HardshipScene = Awaited<ReturnType<typeof hardshipScene>>;

export const post = (token: string, body: unknown) =>
  invoke(createHardshipFile, httpEvent({ method: 'POST', path: '/staff/hardship/files', token, body }));
export const put = (token: string, id: string, body: unknown) =>
  invoke(
    updateHardshipFile,
    httpEvent({ method: 'PUT', path: `/staff/hardship/files/${id}`, token, params: { id }, body }),
  );
export const get = (token: string, id: string) =>
  invoke(getHardshipFile, httpEvent({ path: `/staff/hardship/files/${id}`, token, params: { id } }));
export const list = (token: string, query: Record<string, string> = {}) =>
  invoke(listHardshipFiles, httpEvent({ path: '/staff/hardship/files', token, query }));
export const reveal = (token: string, id: string, body: unknown) =>
  invoke(
    revealHardshipFile,
    httpEvent({ method: 'POST', path: `/staff/hardship/files/${id}/reveal`, token, params: { id }, body }),
  );
export const audit = (token: string, id: string, query: Record<string, string> = {}) =>
  invoke(
    listHardshipAudit,
    httpEvent({ path: `/staff/hardship/files/${id}/audit`, token, params: { id }, query }),
  );
export const setLine = (token: string, body: unknown) =>
  invoke(setPovertyLine, httpEvent({ method: 'PUT', path: '/staff/hardship/poverty-lines', token, body }));
export const lines = (token: string, query: Record<string, string> = {}) =>
  invoke(listPovertyLines, httpEvent({ path: '/staff/hardship/poverty-lines', token, query }));

/** Files a household and returns the answer's file (the create must succeed). */
export async function filed(token: string, body: HouseholdCreateInput): Promise<HouseholdFile> {
  const answer = await post(token, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as HouseholdFile;
}

/** Every item stored in a partition, read raw. */
export async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/** The raw file item, or undefined. */
export async function rawFile(id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk: `HFILE#${id}`, sk: 'FILE' }, ConsistentRead: true }),
  );
  return Item;
}

/** The audit events stored for a subject, read raw (oldest first). */
export const rawAudit = (subjectId: string) => partition(`AUDIT#${subjectId}`);

/** The masked form of an ID number, by the rule (first 4, ten stars, last 4). */
export const mask = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

/** Nothing at all was stored for a refused filing: no file, no audit event. */
export async function expectNothingStored(id: string) {
  expect(await rawFile(id)).toBeUndefined();
  expect(await partition(`HFILE#${id}`)).toStrictEqual([]);
  expect(await rawAudit(id)).toStrictEqual([]);
}

/** An error body as the API answers it. */
export const errorBody = (code: string, message: string, details?: object) => ({
  error: { code, message, ...(details ? { details } : {}) },
});
