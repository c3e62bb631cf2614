import { type Campaign, type DeliveryDashboard, shanghaiDate } from '@ankang/shared';
import { getVolunteerNames } from '../db/deliveries';
import { listApprovedWorksiteRefs, listCoveredWorksites } from '../db/deliveryCoverage';
import { listOrgSubtree } from '../db/orgs';
import { readTallies, type TallySums } from '../db/tallies';
import { now } from '../lib/clock';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import { deliveryViewRoot } from './deliveryLists';

/** Uncovered sites listed by name; the rest are counted. */
const UNCOVERED_LISTED = 50;
const TOP_VOLUNTEERS = 10;
const DAY_MS = 86_400_000;
/**
 * Days of zeros the chart's axis gets at most: a season is a summer, but nothing stops a typo such
 * as 0226-07-01 as its start, which would otherwise fill the answer with seven centuries of days.
 */
export const DASHBOARD_DAYS = 366;

/** Every date from `from` to `to` inclusive (YYYY-MM-DD); empty when `to` is before `from`. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/**
 * Per day from the season's start (at most DASHBOARD_DAYS back) to today (or its end), zeros
 * included so a chart's axis has no gaps; a counted date outside that span is kept, not dropped.
 */
function byDay(sums: TallySums, campaign: Campaign, today: string): DeliveryDashboard['byDay'] {
  const last = today < campaign.season.to ? today : campaign.season.to;
  const lastMs = Date.parse(`${last}T00:00:00Z`);
  const fromMs = Date.parse(`${campaign.season.from}T00:00:00Z`);
  const first = new Date(Math.max(fromMs, lastMs - (DASHBOARD_DAYS - 1) * DAY_MS)).toISOString().slice(0, 10);
  const dates = new Set([...datesBetween(first, last), ...sums.byDay.keys()]);
  return [...dates].sort().map((date) => {
    const counts = sums.byDay.get(date);
    return {
      date,
      deliveries: counts?.deliveries ?? 0,
      handouts: counts?.handouts ?? 0,
      people: counts?.people ?? 0,
    };
  });
}

/** Every kind of the catalog in its order (zeros too), then any counted kind no longer in it. */
function byKind(sums: TallySums, campaign: Campaign): DeliveryDashboard['byKind'] {
  const names = new Map(campaign.kinds.map((kind) => [kind.code, kind.name]));
  const codes = [...new Set([...names.keys(), ...sums.kinds.keys()])];
  return codes.map((code) => {
    const counts = sums.kinds.get(code);
    return {
      code,
      name: names.get(code) ?? code,
      deliveries: counts?.deliveries ?? 0,
      people: counts?.people ?? 0,
      moneyFen: counts?.moneyFen ?? 0,
    };
  });
}

/** Items handed out (quantity not zero), in catalog order; names and units from the catalog. */
function byItem(sums: TallySums, campaign: Campaign): DeliveryDashboard['byItem'] {
  const order = campaign.kinds.flatMap((kind) => kind.items.map((item) => `${kind.code}#${item.code}`));
  const catalog = new Map<string, { name: string; unit: string }>(
    campaign.kinds.flatMap((kind) => kind.items.map((item) => [`${kind.code}#${item.code}`, item] as const)),
  );
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...sums.items.entries()]
    .filter(([, counts]) => counts.quantity !== 0 || counts.moneyFen !== 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, counts]) => ({
      kind: counts.kind,
      code: counts.code,
      name: catalog.get(key)?.name ?? counts.code,
      unit: catalog.get(key)?.unit ?? '',
      quantity: counts.quantity,
      moneyFen: counts.moneyFen,
    }));
}

/** The viewed node's direct children (those with no records too), by path. */
async function byOrg(
  sums: TallySums,
  root: string,
): Promise<{ rootName: string; rows: DeliveryDashboard['byOrg'] }> {
  const nodes = await listOrgSubtree(root);
  const depth = root.split('/').length + 1;
  const names = new Map(nodes.map((node) => [node.path, node.region || node.name]));
  const children = new Set([
    ...nodes.filter((node) => node.path.split('/').length === depth).map((node) => node.path),
    ...sums.children.keys(),
  ]);
  const rows = [...children].sort().map((orgPath) => {
    const counts = sums.children.get(orgPath);
    return {
      orgPath,
      orgName: names.get(orgPath) ?? orgPath,
      deliveries: counts?.deliveries ?? 0,
      handouts: counts?.handouts ?? 0,
      people: counts?.people ?? 0,
      moneyFen: counts?.moneyFen ?? 0,
    };
  });
  return { rootName: names.get(root) ?? root, rows };
}

/** Approved worksites of the subtree, those with an approved delivery, and the first of the rest. */
async function coverage(campaignId: string, root: string): Promise<DeliveryDashboard['coverage']> {
  const [sites, covered] = await Promise.all([
    listApprovedWorksiteRefs(campaignId, root),
    listCoveredWorksites(campaignId, root),
  ]);
  const uncovered = sites.filter((site) => !covered.has(site.id));
  return {
    approvedSites: sites.length,
    coveredSites: sites.length - uncovered.length,
    uncovered: uncovered.slice(0, UNCOVERED_LISTED).map((site) => ({
      worksiteSignupId: site.id,
      siteName: site.siteName,
      orgName: site.orgName,
    })),
    uncoveredMore: uncovered.length > UNCOVERED_LISTED,
  };
}

/** The volunteers with the most deliveries (then 人次), named from their sign-ups in one batch read. */
async function topVolunteers(sums: TallySums): Promise<DeliveryDashboard['topVolunteers']> {
  const top = [...sums.volunteers.entries()]
    .filter(([, counts]) => counts.deliveries > 0 || counts.people > 0)
    .sort(([a, x], [b, y]) => y.deliveries - x.deliveries || y.people - x.people || a.localeCompare(b))
    .slice(0, TOP_VOLUNTEERS);
  const names = await getVolunteerNames(top.map(([id]) => id));
  return top.map(([id, counts]) => ({
    volunteerSignupId: id,
    name: names.get(id) ?? '',
    deliveries: counts.deliveries,
    people: counts.people,
  }));
}

/**
 * A campaign's dashboard for one org subtree (the listing's scope rule), read from the counters
 * kept with every write: a bounded query of the node's counter partition, the subtree's approved
 * sites and coverage counts, and the top volunteers' names. Never a read of the records.
 */
export async function getDeliveryDashboard(
  caller: Caller,
  campaignId: string,
  query: { orgPath?: string },
): Promise<DeliveryDashboard> {
  const campaign = await getCampaign(caller, campaignId);
  const root = deliveryViewRoot(caller, campaign, query.orgPath);
  const at = now();
  const sums = await readTallies(campaign.id, root);
  const [orgs, covered, top] = await Promise.all([
    byOrg(sums, root),
    coverage(campaign.id, root),
    topVolunteers(sums),
  ]);
  return {
    campaignId: campaign.id,
    orgPath: root,
    orgName: orgs.rootName,
    generatedAt: at.toISOString(),
    totals: { ...sums.totals },
    byStatus: {
      pending: sums.status.pending ?? 0,
      approved: sums.status.approved ?? 0,
      needsChanges: sums.status.needsChanges ?? 0,
      rejected: sums.status.rejected ?? 0,
    },
    byDay: byDay(sums, campaign, shanghaiDate(at)),
    byKind: byKind(sums, campaign),
    byItem: byItem(sums, campaign),
    byOrg: orgs.rows,
    coverage: covered,
    topVolunteers: top,
  };
}
