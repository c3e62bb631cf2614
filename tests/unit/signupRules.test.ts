import {
  type Campaign,
  type OrgNode,
  type ReviewDecision,
  type SignupStatus,
  signupStatuses,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/src/lib/errors';
import { reviewStep } from '../../functions/src/services/signupReview';
import {
  catalogIssues,
  chainOf,
  dateRangeLabel,
  datesOutsideSeason,
  districtName,
  locationIssues,
  workerGroupIssues,
} from '../../functions/src/services/signupRules';

const kinds: Campaign['kinds'] = [
  {
    code: 'cool',
    name: '送清凉',
    items: [
      { code: 'water', name: '矿泉水', unit: '箱' },
      { code: 'mungbean', name: '绿豆', unit: '袋' },
    ],
  },
  { code: 'health', name: '送健康', items: [{ code: 'checkup', name: '健康体检', unit: '人次' }] },
];

const node = (path: string, region: string, bounds?: OrgNode['bounds']): OrgNode => ({
  path,
  name: `${region}工会`,
  region,
  level: 'town',
  parentPath: null,
  ...(bounds ? { bounds } : {}),
});
const zjgBox = { south: 31.72, west: 120.35, north: 32.05, east: 120.85 };
const daxinBox = { south: 31.95, west: 120.45, north: 32.02, east: 120.6 };
const province = node('320000', '江苏省');
const county = node('320000/320500/320582', '张家港市', zjgBox);
const town = node('320000/320500/320582/daxin', '大新镇', daxinBox);

describe('Sign-up rules: dates', () => {
  it('names a range by month and day, and the years when it crosses one', () => {
    expect(dateRangeLabel({ from: '2026-06-15', to: '2026-09-15' })).toBe('6月15日至9月15日');
    expect(dateRangeLabel({ from: '2026-10-27', to: '2027-02-09' })).toBe('2026年10月27日至2027年2月9日');
  });

  it('keeps both ends of the season and reports each date outside it at its own path', () => {
    const season = { from: '2026-06-15', to: '2026-09-15' };
    expect(
      datesOutsideSeason(
        ['2026-06-15', '2026-06-14', '2026-09-15', '2026-10-01'],
        season,
        'body.signup.preferredDates',
      ),
    ).toStrictEqual([
      { path: 'body.signup.preferredDates.1', message: '日期 2026-06-14 不在活动期间（6月15日至9月15日）内' },
      { path: 'body.signup.preferredDates.3', message: '日期 2026-10-01 不在活动期间（6月15日至9月15日）内' },
    ]);
    expect(datesOutsideSeason(['2026-05-01'], season, 'body.signup.availability', 'date')).toStrictEqual([
      {
        path: 'body.signup.availability.0.date',
        message: '日期 2026-05-01 不在活动期间（6月15日至9月15日）内',
      },
    ]);
  });
});

describe('Sign-up rules: catalog and groups', () => {
  it('accepts kinds and items from the catalog', () => {
    expect(
      catalogIssues(
        [
          { kind: 'cool', items: ['water', 'mungbean'] },
          { kind: 'health', items: [] },
        ],
        kinds,
      ),
    ).toStrictEqual([]);
  });

  it('names the unknown kind, the unknown item and a kind asked twice', () => {
    expect(
      catalogIssues(
        [
          { kind: 'cool', items: ['water', 'sugar'] },
          { kind: 'law', items: ['consult'] },
          { kind: 'cool', items: [] },
        ],
        kinds,
      ),
    ).toStrictEqual([
      { path: 'body.signup.requested.0.items.1', message: '“sugar”不是“送清凉”中的物资或服务' },
      { path: 'body.signup.requested.1.kind', message: '“law”不是本活动的类别' },
      { path: 'body.signup.requested.2.kind', message: '类别“送清凉”重复' },
    ]);
  });

  it('wants at least one of the site’s groups among the campaign’s targets', () => {
    expect(workerGroupIssues(['construction', 'truckDriver'], ['sanitation', 'construction'])).toStrictEqual(
      [],
    );
    expect(workerGroupIssues(['truckDriver'], ['sanitation', 'courier'])).toStrictEqual([
      { path: 'body.signup.workerGroups', message: '本活动面向环卫工人、快递员，请至少选择其中一类' },
    ]);
  });
});

describe('Sign-up rules: districts', () => {
  it('orders the chain root first and keeps only nodes at or above the district', () => {
    const sip = node('320000/320500/320571', '苏州工业园区');
    expect(chainOf([town, sip, province, county], town.path).map((n) => n.path)).toStrictEqual([
      province.path,
      county.path,
      town.path,
    ]);
  });

  it('checks a point against the deepest box on the chain, edges included', () => {
    const chain = [province, county, town];
    // Inside 张家港 but outside 大新镇: the town's own box decides.
    expect(locationIssues({ lat: 31.87, lng: 120.55 }, chain)).toStrictEqual([
      { path: 'body.signup.location', message: '所选位置不在大新镇范围内' },
    ]);
    expect(locationIssues({ lat: 31.95, lng: 120.6 }, chain)).toStrictEqual([]);
    // A town without a box of its own falls back on the county's.
    const plainTown = node(town.path, '大新镇');
    expect(locationIssues({ lat: 31.87, lng: 120.55 }, [province, county, plainTown])).toStrictEqual([]);
    expect(locationIssues({ lat: 31.3, lng: 120.7 }, [province, county, plainTown])).toStrictEqual([
      { path: 'body.signup.location', message: '所选位置不在张家港市范围内' },
    ]);
  });

  it('skips the check when no node has a box or no point was picked', () => {
    expect(locationIssues({ lat: 39.9, lng: 116.4 }, [province, node(town.path, '大新镇')])).toStrictEqual(
      [],
    );
    expect(locationIssues(undefined, [province, county, town])).toStrictEqual([]);
  });

  it('names the district from the campaign’s node down', () => {
    expect(districtName([province, county, town], county.path)).toBe('张家港市 › 大新镇');
    expect(districtName([province, county], county.path)).toBe('张家港市');
  });
});

const approve = (version: number): ReviewDecision => ({ decision: 'approve', version });
const decline = (version: number, reason = '名额已满'): ReviewDecision => ({
  decision: 'decline',
  version,
  reason,
});
const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
};

describe('Sign-up review', () => {
  const at = '2026-07-01T08:00:00.000Z';

  it('approves or declines a pending sign-up, recording who, when and why', () => {
    expect(reviewStep({ status: 'pending', version: 1 }, approve(1), '李敏', at)).toStrictEqual({
      kind: 'move',
      status: 'approved',
      review: { by: '李敏', at },
    });
    expect(
      reviewStep({ status: 'pending', version: 3 }, decline(3, '不在服务范围'), '李敏', at),
    ).toStrictEqual({
      kind: 'move',
      status: 'declined',
      review: { by: '李敏', at, reason: '不在服务范围' },
    });
  });

  it('approves a declined sign-up later, never undoes an approval, never declines twice', () => {
    const declined = {
      status: 'declined' as const,
      version: 2,
      review: { by: '李敏', at, reason: '名额已满' },
    };
    expect(reviewStep(declined, approve(2), '顾晓东', at)).toMatchObject({
      kind: 'move',
      status: 'approved',
    });
    expect(codeOf(() => reviewStep(declined, decline(2, '另一个原因'), '李敏', at))).toBe(
      'INVALID_TRANSITION',
    );
    const approved = { status: 'approved' as const, version: 2, review: { by: '李敏', at } };
    expect(codeOf(() => reviewStep(approved, decline(2), '李敏', at))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => reviewStep(approved, approve(2), '李敏', at))).toBe('INVALID_TRANSITION');
  });

  it('answers the decision that made the current version as done, and any other stale one as a conflict', () => {
    const declined = {
      status: 'declined' as const,
      version: 2,
      review: { by: '李敏', at, reason: '名额已满' },
    };
    expect(reviewStep(declined, decline(1, '名额已满'), '李敏', at)).toStrictEqual({ kind: 'unchanged' });
    expect(codeOf(() => reviewStep(declined, decline(1, '另一个原因'), '李敏', at))).toBe('VERSION_CONFLICT');
    expect(codeOf(() => reviewStep(declined, approve(1), '李敏', at))).toBe('VERSION_CONFLICT');
    expect(() => reviewStep({ status: 'pending', version: 4 }, approve(3), '李敏', at)).toThrow(
      expect.objectContaining({ code: 'VERSION_CONFLICT', details: { currentVersion: 4 } }),
    );
  });

  it('moves only where the transition table allows, at the current version', () => {
    const allowed: Record<SignupStatus, SignupStatus[]> = {
      pending: ['approved', 'declined'],
      declined: ['approved'],
      approved: [],
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...signupStatuses),
        fc.boolean(),
        fc.integer({ min: 1, max: 50 }),
        (status, approving, version) => {
          const decision = approving ? approve(version) : decline(version);
          const target = approving ? 'approved' : 'declined';
          const code = codeOf(() => reviewStep({ status, version }, decision, '李敏', at));
          expect(code).toBe(allowed[status].includes(target) ? null : 'INVALID_TRANSITION');
        },
      ),
    );
  });
});
