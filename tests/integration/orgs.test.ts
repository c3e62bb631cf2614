import { describe, expect, it } from 'vitest';
import { listOrgSubtree } from '../../functions/src/db/orgs';
import { getUser } from '../../functions/src/db/users';
import { handler as listOrgs } from '../../functions/src/handlers/listOrgs';
import { handler as setStaffRole } from '../../functions/src/handlers/setStaffRole';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser, putOrg } from './fixtures';

const orgsAs = (token: string, root?: string) =>
  invoke(listOrgs, httpEvent({ path: '/orgs', token, query: root ? { root } : undefined }));

describe('Access pattern: listOrgSubtree', () => {
  it('returns a node and its descendants, not a sibling that shares its prefix', async () => {
    const parent = await freshOrg('320000/320500/320582');
    const child = await freshOrg(parent);
    // Same parent, a name that extends the subtree root's: begins_with matches it, scope must not.
    await putOrg(`${parent}x`, '320000/320500/320582');
    const nodes = await listOrgSubtree(parent);
    expect(nodes.map((node) => node.path)).toStrictEqual([parent, child]);
  });
});

describe('Handler: listOrgs', () => {
  it('shows staff their own node and everything below it', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320582' });
    const result = await orgsAs(staff.token);
    const paths = (result.body as { orgs: { path: string }[] }).orgs.map((org) => org.path);
    expect(result.status).toBe(200);
    expect(paths).toContain('320000/320500/320582');
    expect(paths).toContain('320000/320500/320582/daxin');
    expect(paths.every((p) => p.startsWith('320000/320500/320582'))).toBe(true);
  });

  it.each([
    ['beside', '320000/320500/320571'],
    ['above', '320000/320500'],
  ])('refuses staff a root %s their node with 403 OUT_OF_SCOPE', async (_where, root) => {
    const staff = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320582' });
    expect(await orgsAs(staff.token, root)).toStrictEqual({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
    });
  });

  it('refuses a worker with 403 FORBIDDEN', async () => {
    const worker = await freshUser();
    expect(await orgsAs(worker.token)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('answers 404 ORG_NOT_FOUND for a root inside scope that does not exist', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    expect(await orgsAs(admin.token, '320000/320500/999999')).toMatchObject({
      status: 404,
      body: { error: { code: 'ORG_NOT_FOUND' } },
    });
  });
});

describe('Handler: setStaffRole', () => {
  const change = (token: string, body: unknown) =>
    invoke(setStaffRole, httpEvent({ method: 'POST', path: '/admin/staff', token, body }));

  it('grants and revokes a staff role; a retried grant changes nothing more', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const target = await freshUser();
    const org = await freshOrg('320000/320500/320571');
    const grant = { action: 'grant', userId: target.userId, orgPath: org };

    const first = await change(admin.token, grant);
    const retry = await change(admin.token, grant);
    expect(first).toStrictEqual({
      status: 200,
      body: { userId: target.userId, roles: ['worker', 'staff'], orgPath: org, version: 2 },
    });
    expect(retry.body).toMatchObject({ roles: ['worker', 'staff'], orgPath: org });

    // The new staff member now sees their org; after revocation the very same token is refused.
    expect((await orgsAs(target.token)).status).toBe(200);
    const revoked = await change(admin.token, { action: 'revoke', userId: target.userId });
    expect(revoked.body).toMatchObject({ roles: ['worker'], orgPath: null });
    expect(await orgsAs(target.token)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await getUser(target.userId))?.roles).toStrictEqual([]);
  });

  it('refuses staff with 403 FORBIDDEN and stores nothing', async () => {
    const staff = await freshUser({ roles: ['staff'], orgPath: '320000' });
    const target = await freshUser();
    const result = await change(staff.token, { action: 'grant', userId: target.userId, orgPath: '320000' });
    expect(result).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await getUser(target.userId))?.roles).toStrictEqual([]);
  });

  it('answers 404 for an unknown user or org, and 400 for a grant without an org', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const target = await freshUser();
    expect(
      await change(admin.token, { action: 'grant', userId: 'u_000000000000000000000000', orgPath: '320000' }),
    ).toMatchObject({ status: 404, body: { error: { code: 'USER_NOT_FOUND' } } });
    expect(
      await change(admin.token, { action: 'grant', userId: target.userId, orgPath: '320000/999999' }),
    ).toMatchObject({ status: 404, body: { error: { code: 'ORG_NOT_FOUND' } } });
    const missingOrg = await change(admin.token, { action: 'grant', userId: target.userId });
    expect(missingOrg).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});
