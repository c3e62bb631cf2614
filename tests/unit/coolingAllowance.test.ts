import { type CampaignDraftInput, campaignDraftSchema, copyCampaignForYear } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { campaignToForm, formToDraft } from '../../client/src/services/staffCampaignForm';
import { demoCampaigns } from '../../functions/local/demoCampaigns';
import { demoHandouts } from '../../functions/local/demoHandouts';
import { handoutRecordSchema } from '../../functions/src/db/handoutItems';

function draft(overrides: Partial<CampaignDraftInput> = {}): CampaignDraftInput {
  return structuredClone({
    orgPath: '320000/320500/320582',
    title: '2026年张家港市夏季安康“三送”活动',
    season: { from: '2026-06-15', to: '2026-09-15' },
    signup: { from: '2026-06-01', to: '2026-08-31' },
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [
          { code: 'water', name: '矿泉水', unit: '瓶', unitCostFen: 150 },
          { code: 'cool-pack', name: '清凉包', unit: '份' },
        ],
      },
      { code: 'health', name: '送健康', items: [{ code: 'checkup', name: '健康体检', unit: '人次' }] },
    ],
    targetGroups: ['sanitation'],
    ...overrides,
  });
}

const issues = (input: CampaignDraftInput) => {
  const parsed = campaignDraftSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('Campaign: 清凉码 allowance', () => {
  it('accepts an allowance of an item of the catalog, 1 to 10 a day', () => {
    for (const perWorkerPerDay of [1, 10]) {
      expect(
        issues(draft({ coolingAllowance: { kind: 'cool', item: 'water', perWorkerPerDay } })),
      ).toStrictEqual([]);
    }
    expect(issues(draft())).toStrictEqual([]);
  });

  it.each([
    [
      { kind: 'cool', item: 'checkup', perWorkerPerDay: 1 },
      'coolingAllowance.item: 清凉额度须选择本活动物资清单中的一项',
    ],
    [
      { kind: 'safety', item: 'water', perWorkerPerDay: 1 },
      'coolingAllowance.item: 清凉额度须选择本活动物资清单中的一项',
    ],
    [
      { kind: 'cool', item: 'water', perWorkerPerDay: 0 },
      'coolingAllowance.perWorkerPerDay: 每人每天至少 1 份',
    ],
    [
      { kind: 'cool', item: 'water', perWorkerPerDay: 11 },
      'coolingAllowance.perWorkerPerDay: 每人每天最多 10 份',
    ],
    [
      { kind: 'cool', item: 'water', perWorkerPerDay: 1.5 },
      'coolingAllowance.perWorkerPerDay: 每人每天的份数须为整数',
    ],
  ])('refuses %o with a Chinese message on the field', (allowance, issue) => {
    expect(issues(draft({ coolingAllowance: allowance }))).toStrictEqual([issue]);
  });

  it('is kept when a campaign is copied to another year, as its own copy', () => {
    const source = campaignDraftSchema.parse(
      draft({ coolingAllowance: { kind: 'cool', item: 'water', perWorkerPerDay: 2 } }),
    );
    const copy = copyCampaignForYear(source, 2027);
    expect(copy.coolingAllowance).toStrictEqual({ kind: 'cool', item: 'water', perWorkerPerDay: 2 });
    expect(copy.coolingAllowance).not.toBe(source.coolingAllowance);
  });

  it('round-trips through the staff editor, follows a renamed item code, and can be switched off', () => {
    const stored = demoCampaigns(new Date('2026-07-01T04:00:00Z'))[1]!;
    const form = campaignToForm(stored);
    const back = formToDraft(form);
    expect('draft' in back && back.draft.coolingAllowance).toStrictEqual({
      kind: 'cool',
      item: 'cool-pack',
      perWorkerPerDay: 1,
    });

    // Renaming the chosen item's code keeps the choice (it is held by row, not by code).
    const renamed = structuredClone(form);
    const row = renamed.kinds[0]!.items.find((item) => item.key === form.cooling.itemKey)!;
    row.code = 'summer-pack';
    renamed.cooling.perDay = 3;
    const again = formToDraft(renamed);
    expect('draft' in again && again.draft.coolingAllowance).toStrictEqual({
      kind: 'cool',
      item: 'summer-pack',
      perWorkerPerDay: 3,
    });

    const off = formToDraft({ ...form, cooling: { itemKey: null, perDay: 1 } });
    expect('draft' in off && 'coolingAllowance' in off.draft).toBe(false);
  });
});

describe('Demo: 清凉码 hand-outs', () => {
  it('are stored records of the demo allowance, with exactly the over-allowance ones flagged for review', () => {
    const at = new Date('2026-07-20T04:00:00Z');
    const allowance = demoCampaigns(at)[1]!.coolingAllowance!;
    const handouts = demoHandouts(at, 'unit-test-key-0123456789abcdef0123');
    const perDay = new Map<string, number>();
    for (const { record } of handouts) {
      expect(handoutRecordSchema.parse(record)).toStrictEqual(record);
      expect([record.kind, record.item]).toStrictEqual([allowance.kind, allowance.item]);
      const key = `${record.pseudonym}|${record.date}`;
      const count = (perDay.get(key) ?? 0) + 1;
      perDay.set(key, count);
      const over = count > allowance.perWorkerPerDay;
      expect(record.countThatDay).toBe(count);
      expect(record.flags).toStrictEqual(over ? ['overAllowance'] : []);
      expect(record.review.status).toBe(over ? 'pending' : 'none');
    }
    expect(handouts.filter(({ record }) => record.flags.length > 0).length).toBeGreaterThanOrEqual(1);
  });
});
