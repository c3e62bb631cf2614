import {
  type CampaignDraftInput,
  campaignDraftSchema,
  campaignTransitions,
  canonicalContactPhone,
  contactPhoneSchema,
  copyCampaignForYear,
  maskPhone,
  shiftDateByYears,
  volunteerSignupDraftSchema,
  type WorksiteSignupDraftInput,
  worksiteSignupDraftSchema,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const issuesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('Outreach: contact phones', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['139-1234-5678', '13912345678'],
    ['139 1234-5678', '13912345678'],
    ['0512-58681234', '0512-58681234'],
    ['051258681234', '0512-58681234'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['021 6123 4567', '021-61234567'],
    ['0512-5868123-802', '0512-5868123-802'],
  ])('stores %s as %s', (typed, stored) => {
    expect(contactPhoneSchema.parse(typed)).toBe(stored);
  });

  it.each([
    '4008123123',
    '95588',
    '1381234567',
    '138123456789',
    '12812345678',
    '0512-123456',
    '0512-123456789',
    '138-1234-5678x',
    '',
  ])('refuses %s with a Chinese message', (typed) => {
    const result = contactPhoneSchema.safeParse(typed);
    expect(result.success).toBe(false);
    expect(issuesOf(result)[0]).toMatch(/联系电话格式不正确/);
  });

  it('keeps any mainland mobile as its 11 digits, however it is spaced', () => {
    const mobile = fc
      .tuple(
        fc.integer({ min: 3, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
      )
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    fc.assert(
      fc.property(mobile, fc.nat(10), (digits, at) => {
        const spaced = `${digits.slice(0, at)} ${digits.slice(at)}`;
        expect(canonicalContactPhone(spaced)).toBe(digits);
      }),
    );
  });

  it('masks all but the first 3 and last 4 digits of a mobile, and a landline but its area code', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0512-58681234')).toBe('0512-****1234');
    expect(maskPhone('0512-5868123-802')).toBe('0512-****8123');
    expect(maskPhone('garbage')).toBe('****');
  });
});

function campaign(overrides: Partial<CampaignDraftInput> = {}): CampaignDraftInput {
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
          { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 },
          { code: 'huoxiang', name: '藿香正气水', unit: '盒' },
        ],
      },
      { code: 'health', name: '送健康', items: [{ code: 'checkup', name: '健康体检', unit: '人次' }] },
    ],
    targetGroups: ['sanitation', 'courier'],
    ...overrides,
  });
}

describe('Outreach: campaign drafts', () => {
  it('accepts a campaign with its catalog', () => {
    expect(campaignDraftSchema.safeParse(campaign()).success).toBe(true);
  });

  it.each([
    [
      'a sign-up window ending after the season',
      { signup: { from: '2026-06-01', to: '2026-09-16' } },
      'signup.to: 报名截止日期不能晚于活动结束日期',
    ],
    [
      'a season ending before it starts',
      { season: { from: '2026-09-15', to: '2026-09-01' } },
      'season.to: 结束日期不能早于开始日期',
    ],
    [
      'a date that does not exist',
      { season: { from: '2026-06-31', to: '2026-09-15' } },
      'season.from: 日期不存在或格式不正确，应为 YYYY-MM-DD',
    ],
    ['no target group', { targetGroups: [] }, 'targetGroups: 请至少选择一类服务对象'],
    [
      'a title with a direction override',
      { title: '2026年\u202e三送活动' },
      'title: 活动名称不能包含改变文字方向的隐藏字符',
    ],
  ])('refuses %s, naming the field', (_what, overrides, issue) => {
    expect(
      issuesOf(campaignDraftSchema.safeParse(campaign(overrides as Partial<CampaignDraftInput>))),
    ).toStrictEqual([issue]);
  });

  it('refuses repeated kind and item codes', () => {
    const draft = campaign();
    draft.kinds[1]!.code = 'cool';
    draft.kinds[0]!.items[1]!.code = 'water';
    expect(issuesOf(campaignDraftSchema.safeParse(draft)).sort()).toStrictEqual([
      'kinds.0.items.1.code: 物资编码“water”重复',
      'kinds.1.code: 类别编码“cool”重复',
    ]);
  });

  it('refuses a unit cost finer than 分 or below zero', () => {
    const draft = campaign();
    draft.kinds[0]!.items[0]!.unitCostFen = 24.5;
    draft.kinds[0]!.items[1]!.unitCostFen = -1;
    expect(issuesOf(campaignDraftSchema.safeParse(draft))).toStrictEqual([
      'kinds.0.items.0.unitCostFen: 单价最多精确到分',
      'kinds.0.items.1.unitCostFen: 单价不能为负数',
    ]);
  });

  it('moves only forward through draft → open ⇄ closed → archived', () => {
    expect(campaignTransitions).toStrictEqual({
      draft: ['open'],
      open: ['closed'],
      closed: ['open', 'archived'],
      archived: [],
    });
  });
});

describe('Outreach: copying last year’s campaign', () => {
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

  it('keeps month and day, turning 02-29 into 02-28 in a year without it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -5, max: 5 }),
        (year, month, day, years) => {
          const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
          fc.pre(day <= days);
          const pad = (n: number) => String(n).padStart(2, '0');
          const shifted = shiftDateByYears(`${year}-${pad(month)}-${pad(day)}`, years);
          const expectedDay = month === 2 && day === 29 && !isLeap(year + years) ? 28 : day;
          expect(shifted).toBe(`${year + years}-${pad(month)}-${pad(expectedDay)}`);
        },
      ),
    );
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2100-02-28', -4, '2096-02-28'],
    ['2026-12-31', 1, '2027-12-31'],
  ])('shifts %s by %i years to %s', (date, years, shifted) => {
    expect(shiftDateByYears(date, years)).toBe(shifted);
  });

  it('moves the dates and the title’s year, and keeps the catalog', () => {
    const last = campaignDraftSchema.parse(campaign());
    const next = copyCampaignForYear(last, 2027);
    expect(next).toStrictEqual({
      ...last,
      title: '2027年张家港市夏季安康“三送”活动',
      season: { from: '2027-06-15', to: '2027-09-15' },
      signup: { from: '2027-06-01', to: '2027-08-31' },
    });
    expect(next.kinds).not.toBe(last.kinds);
  });
});

function worksite(overrides: Partial<WorksiteSignupDraftInput> = {}): WorksiteSignupDraftInput {
  return {
    campaignId: 'cp_0123456789ab',
    siteName: '杨舍镇环卫所',
    orgPath: '320000/320500/320582',
    address: '张家港市杨舍镇人民中路 88 号',
    location: { lng: 120.55, lat: 31.87 },
    outdoorWorkers: 40,
    highTempWorkers: 12,
    workerGroups: ['sanitation'],
    requested: [{ kind: 'cool', items: ['water'] }],
    preferredDates: ['2026-07-10'],
    contactName: '王建华',
    contactPhone: '0512-58681234',
    ...overrides,
  };
}

describe('Outreach: sign-ups', () => {
  it('accepts a worksite sign-up and stores its phone in one form', () => {
    const parsed = worksiteSignupDraftSchema.parse(worksite({ contactPhone: '138 1234 5678' }));
    expect(parsed.contactPhone).toBe('13812345678');
  });

  it.each([
    ['a bad phone', { contactPhone: '400-812-3123' }, /^contactPhone: 联系电话格式不正确/],
    [
      'more high-temperature workers than outdoor ones',
      { highTempWorkers: 41 },
      /^highTempWorkers: 高温作业人数不能多于户外作业人数$/,
    ],
    [
      'a location outside the service area',
      { location: { lng: -74, lat: 40.7 } },
      /^location: 位置不在服务范围内/,
    ],
    [
      'a repeated date',
      { preferredDates: ['2026-07-10', '2026-07-10'] },
      /^preferredDates\.1: 日期 2026-07-10 重复$/,
    ],
  ])('refuses a worksite with %s, naming the field', (_what, overrides, issue) => {
    const issues = issuesOf(
      worksiteSignupDraftSchema.safeParse(worksite(overrides as Partial<WorksiteSignupDraftInput>)),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(issue);
  });

  it('refuses a volunteer offering the same half day twice', () => {
    const result = volunteerSignupDraftSchema.safeParse({
      campaignId: 'cp_0123456789ab',
      name: '赵磊',
      districts: ['320000/320500/320582'],
      availability: [
        { date: '2026-07-10', slot: 'am' },
        { date: '2026-07-10', slot: 'am' },
      ],
      skills: ['driving'],
      phone: '13912345678',
    });
    expect(issuesOf(result)).toStrictEqual(['availability.1: 时段 2026-07-10 am 重复']);
  });
});
