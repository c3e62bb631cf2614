import {
  type Campaign,
  type DateRange,
  type FieldIssue,
  isWithinOrg,
  type OrgBounds,
  type OrgNode,
  type WorkerGroup,
  workerGroupLabels,
} from '@ankang/shared';

/**
 * How a sign-up must fit its campaign and its district: pure checks that answer field issues
 * (dotted paths as the pipeline names them, e.g. `body.signup.preferredDates.2`), so one 400 can
 * list every problem at once.
 */

/** Where the sign-up sits in the request body: issues carry the same paths as the pipeline's own. */
export const SIGNUP_PATH = 'body.signup';

const fieldPath = (...parts: (string | number)[]) => [SIGNUP_PATH, ...parts].join('.');

function monthDay(date: string, withYear: boolean): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${withYear ? `${year}年` : ''}${month}月${day}日`;
}

/** `6月15日至9月15日`; both years are named when the range crosses into the next. */
export function dateRangeLabel(range: DateRange): string {
  const withYear = range.from.slice(0, 4) !== range.to.slice(0, 4);
  return `${monthDay(range.from, withYear)}至${monthDay(range.to, withYear)}`;
}

export function withinRange(date: string, range: DateRange): boolean {
  return date >= range.from && date <= range.to;
}

/** Each date outside the campaign's season, at `path.N` (or `path.N.field` when `field` is given). */
export function datesOutsideSeason(
  dates: string[],
  season: DateRange,
  path: string,
  field?: string,
): FieldIssue[] {
  return dates.flatMap((date, index) =>
    withinRange(date, season)
      ? []
      : [
          {
            path: [path, index, ...(field ? [field] : [])].join('.'),
            message: `日期 ${date} 不在活动期间（${dateRangeLabel(season)}）内`,
          },
        ],
  );
}

/** Kinds and items that are not in the campaign's catalog, and a kind asked twice. */
export function catalogIssues(
  requested: { kind: string; items: string[] }[],
  kinds: Campaign['kinds'],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  requested.forEach((entry, index) => {
    const kind = kinds.find((k) => k.code === entry.kind);
    if (!kind) {
      issues.push({
        path: fieldPath('requested', index, 'kind'),
        message: `“${entry.kind}”不是本活动的类别`,
      });
      return;
    }
    if (seen.has(kind.code)) {
      issues.push({ path: fieldPath('requested', index, 'kind'), message: `类别“${kind.name}”重复` });
    }
    seen.add(kind.code);
    entry.items.forEach((item, itemIndex) => {
      if (!kind.items.some((i) => i.code === item)) {
        issues.push({
          path: fieldPath('requested', index, 'items', itemIndex),
          message: `“${item}”不是“${kind.name}”中的物资或服务`,
        });
      }
    });
  });
  return issues;
}

/**
 * A site's crews are often mixed (a building site has truck drivers too), so not every group need
 * be one the campaign targets; but at least one must be, or the campaign does not serve the site.
 */
export function workerGroupIssues(groups: WorkerGroup[], targets: WorkerGroup[]): FieldIssue[] {
  if (groups.some((group) => targets.includes(group))) return [];
  const names = targets.map((group) => workerGroupLabels[group]).join('、');
  return [{ path: fieldPath('workerGroups'), message: `本活动面向${names}，请至少选择其中一类` }];
}

/** The org chain's nodes at or above `orgPath`, root first (missing nodes left out). */
export function chainOf(nodes: OrgNode[], orgPath: string): OrgNode[] {
  return nodes
    .filter((node) => isWithinOrg(orgPath, node.path))
    .sort((a, b) => a.path.length - b.path.length);
}

/** The deepest node at or above the district that has bounds: the box a point is checked against. */
function nearestBounded(chain: OrgNode[]): (OrgNode & { bounds: OrgBounds }) | null {
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const node = chain[i]!;
    if (node.bounds) return { ...node, bounds: node.bounds };
  }
  return null;
}

/** Whether the point lies in the box (edges included). */
export function insideBounds(point: { lat: number; lng: number }, box: OrgBounds): boolean {
  return point.lat >= box.south && point.lat <= box.north && point.lng >= box.west && point.lng <= box.east;
}

/** A picked point outside the district's box; no check when no node on the chain has one. */
export function locationIssues(
  location: { lat: number; lng: number } | undefined,
  chain: OrgNode[],
): FieldIssue[] {
  if (!location) return [];
  const bounded = nearestBounded(chain);
  if (!bounded || insideBounds(location, bounded.bounds)) return [];
  return [{ path: fieldPath('location'), message: `所选位置不在${bounded.region}范围内` }];
}

/** The district as people name it, from the campaign's node down: 张家港市 › 大新镇. */
export function districtName(chain: OrgNode[], campaignOrgPath: string): string {
  const names = chain.filter((node) => isWithinOrg(node.path, campaignOrgPath)).map((node) => node.region);
  return names.length > 0 ? names.join(' › ') : (chain.at(-1)?.region ?? '');
}

/** A district the campaign does not cover (beside or above its union's node). */
export function outsideCampaignMessage(campaignRegion: string): string {
  return `所选地区不在本活动的范围内（${campaignRegion}及其下属地区）`;
}
