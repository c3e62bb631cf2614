import { randomUUID } from 'node:crypto';
import type { Campaign } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { getCampaignById } from '../../functions/src/db/campaigns';
import { handler as createCampaign } from '../../functions/src/handlers/createCampaign';
import { handler as updateCampaign } from '../../functions/src/handlers/updateCampaign';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';

const zjg = '320000/320500/320582';

const draft = (orgPath: string, extra: object = {}) => ({
  orgPath,
  title: '2026年夏季安康“三送”活动',
  season: { from: '2026-06-15', to: '2026-09-15' },
  signup: { from: '2026-06-01', to: '2026-08-31' },
  kinds: [
    {
      code: 'cool',
      name: '送清凉',
      items: [
        { code: 'water', name: '矿泉水', unit: '瓶', unitCostFen: 150 },
        { code: 'tea', name: '凉茶', unit: '瓶' },
      ],
    },
  ],
  targetGroups: ['sanitation'],
  ...extra,
});

describe('Handler: createCampaign / updateCampaign with a 清凉码 allowance', () => {
  it('stores the allowance, changes it, switches it off on an edit without it, and refuses one off the catalog', async () => {
    const org = await freshOrg(zjg);
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const allowance = { kind: 'cool', item: 'water', perWorkerPerDay: 2 };
    const made = await invoke(
      createCampaign,
      httpEvent({
        method: 'POST',
        path: '/staff/campaigns',
        token: staff.token,
        body: { ...draft(org, { coolingAllowance: allowance }), requestId: randomUUID() },
      }),
    );
    expect(made.status).toBe(201);
    const campaign = made.body as Campaign;
    expect(campaign.coolingAllowance).toStrictEqual(allowance);
    expect((await getCampaignById(campaign.id))?.coolingAllowance).toStrictEqual(allowance);

    const update = (version: number, body: object) =>
      invoke(
        updateCampaign,
        httpEvent({
          method: 'PUT',
          path: `/staff/campaigns/${campaign.id}`,
          token: staff.token,
          params: { id: campaign.id },
          body: { ...body, version },
        }),
      );
    const changed = await update(1, draft(org, { coolingAllowance: { ...allowance, item: 'tea' } }));
    expect((changed.body as Campaign).coolingAllowance).toStrictEqual({ ...allowance, item: 'tea' });

    const off = await update(2, draft(org));
    expect(off.status).toBe(200);
    expect('coolingAllowance' in (off.body as Campaign)).toBe(false);
    expect((await getCampaignById(campaign.id))?.coolingAllowance).toBeUndefined();

    const bad = await update(3, draft(org, { coolingAllowance: { ...allowance, item: 'melon' } }));
    expect(bad).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: {
            issues: [{ path: 'body.coolingAllowance.item', message: '清凉额度须选择本活动物资清单中的一项' }],
          },
        },
      },
    });
    expect((await getCampaignById(campaign.id))?.version).toBe(3);
  });
});
