import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loginAsDemo, loginWithCode, request } from './http';

describe('API: roles and org scope over HTTP', () => {
  it('shows 张家港 staff their own subtree', async () => {
    const token = await loginAsDemo('李敏');
    const result = await request('GET', '/orgs', { token });
    expect(result.status).toBe(200);
    expect((result.body as { orgs: { name: string }[] }).orgs.map((org) => org.name)).toStrictEqual([
      '张家港市总工会',
      '大新镇工会',
    ]);
  });

  it.each([
    ['one level beside (苏州工业园区)', '320000/320500/320571'],
    ['one level above (苏州市)', '320000/320500'],
  ])('refuses 张家港 staff %s with 403 OUT_OF_SCOPE', async (_where, root) => {
    const token = await loginAsDemo('李敏');
    const result = await request('GET', `/orgs?root=${encodeURIComponent(root)}`, { token });
    expect(result).toStrictEqual({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
      headers: expect.anything(),
    });
  });

  it('refuses a worker the staff routes with 403 FORBIDDEN', async () => {
    const { token } = await loginWithCode(`ok-${randomUUID()}`);
    expect(await request('GET', '/orgs', { token })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    const grant = await request('POST', '/admin/staff', {
      token,
      body: { action: 'grant', userId: 'u_000000000000000000000000', orgPath: '320000' },
    });
    expect(grant).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('lets the admin grant a staff role; the new staff member then sees only their org', async () => {
    const admin = await loginAsDemo('周建国');
    const worker = await loginWithCode(`ok-${randomUUID()}`);
    const grant = await request('POST', '/admin/staff', {
      token: admin,
      body: { action: 'grant', userId: worker.me.id, orgPath: '320000/320500/320582/daxin' },
    });
    expect(grant).toMatchObject({ status: 200, body: { roles: ['worker', 'staff'] } });

    const me = await request('GET', '/me', { token: worker.token });
    expect(me.body).toMatchObject({ roles: ['worker', 'staff'], org: { name: '大新镇工会' } });
    const above = await request('GET', '/orgs?root=320000%2F320500%2F320582', { token: worker.token });
    expect(above).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
  });

  it('answers 404 with a stable code for an unknown user', async () => {
    const admin = await loginAsDemo('周建国');
    const result = await request('POST', '/admin/staff', {
      token: admin,
      body: { action: 'revoke', userId: 'u_000000000000000000000000' },
    });
    expect(result).toMatchObject({
      status: 404,
      body: { error: { code: 'USER_NOT_FOUND', message: '未找到该用户' } },
    });
  });
});
