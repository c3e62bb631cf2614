import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loginAsDemo, loginWithCode, request } from './http';

type Listing = { campaigns: { id: string; status: string; title: string }[] };

describe('API: outreach campaigns over HTTP (seeded demo data)', () => {
  it('shows a worker in 大新镇 the open 张家港 campaign, and its staff last year’s archive too', async () => {
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    const town = await request('GET', `/campaigns?org=${encodeURIComponent('320000/320500/320582/daxin')}`, {
      token: worker,
    });
    expect(town.status).toBe(200);
    // Other files of this tier add campaigns to the shared stack; these are about the seeded ones.
    const seeded = (listing: unknown) =>
      (listing as Listing).campaigns.filter((c) => c.id.startsWith('cp_demo')).map((c) => [c.id, c.status]);
    expect(seeded(town.body)).toStrictEqual([['cp_demo0zjgthis', 'open']]);
    // Whoever made the others, a worker never sees a draft or the archive.
    const statuses = (town.body as Listing).campaigns.map((c) => c.status);
    expect(statuses.filter((status) => status === 'draft' || status === 'archived')).toStrictEqual([]);

    const staff = await loginAsDemo('李敏');
    const county = await request('GET', `/campaigns?org=${encodeURIComponent('320000/320500/320582')}`, {
      token: staff,
    });
    expect(seeded(county.body)).toStrictEqual([
      ['cp_demo0zjgthis', 'open'],
      ['cp_demo0zjglast', 'archived'],
    ]);
  });

  it('keeps 张家港’s campaign out of 苏州工业园区 and refuses its staff the edit', async () => {
    const sip = await loginAsDemo('沈佳怡');
    const listing = await request('GET', `/campaigns?org=${encodeURIComponent('320000/320500/320571')}`, {
      token: sip,
    });
    expect((listing.body as Listing).campaigns.map((c) => c.id)).not.toContain('cp_demo0zjgthis');
    const move = await request('POST', '/staff/campaigns/cp_demo0zjgthis/status', {
      token: sip,
      body: { version: 1, status: 'closed' },
    });
    expect(move).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
  });
});
