import type { Campaign, DeliveryDashboard } from '@ankang/shared';
import { type DeliveryWalkPosition, pageDeliveriesInOrg } from '../db/deliveries';
import { listHandoutsOfCampaign } from '../db/handouts';
import { listOrgSubtree } from '../db/orgs';
import { getUser } from '../db/users';
import { type Caller, rolesOf } from './caller';
import { getDeliveryDashboard } from './deliveryDashboard';
import { deliveryViewRoot } from './deliveryLists';
import { toDeliveryView } from './deliveryViews';
import type { ReportCell } from './exportDocument';
import { deliveryRow, handoutRow } from './exportSheets';

/**
 * The org subtree a report covers: the dashboard's own rule (the asked node, else the caller's
 * node inside the campaign's union, else the union), so the report and the screen agree.
 */
export const reportScope = deliveryViewRoot;

/** The dashboard's figures for the subtree, as the staff member who asked sees them now. */
export function loadDashboard(
  caller: Caller,
  campaign: Campaign,
  orgPath: string,
): Promise<DeliveryDashboard> {
  return getDeliveryDashboard(caller, campaign.id, { orgPath });
}

/**
 * The requester as the pipeline would build them, for the job (which has no request): a role or
 * org taken away since the export started stops it.
 */
export async function requesterOf(userId: string): Promise<Caller | null> {
  const user = await getUser(userId);
  return user ? { userId, nickname: user.nickname, roles: rolesOf(user), orgPath: user.orgPath } : null;
}

/**
 * Detail rows the export will hold, from the dashboard's counters: every delivery whatever its
 * review status, and the hand-outs (rejected hand-outs leave the counters, so the figure can fall
 * short by those; progress never shows more than 100%).
 */
export function exportTotal(dashboard: DeliveryDashboard): number {
  const { pending, approved, needsChanges, rejected } = dashboard.byStatus;
  return pending + approved + needsChanges + rejected + dashboard.totals.handouts;
}

/** The hand-outs of the subtree, flagged ones and the others, a page at a time. */
async function* handoutPages(campaign: Campaign, orgPath: string, pageSize: number) {
  const orgNames = new Map((await listOrgSubtree(orgPath)).map((org) => [org.path, org.name]));
  for (const flagged of [false, true]) {
    let cursor: string | undefined;
    do {
      const page = await listHandoutsOfCampaign(campaign.id, flagged, orgPath, { limit: pageSize, cursor });
      yield page.records.map((handout) =>
        handoutRow(handout, campaign, orgNames.get(handout.orgPath) ?? handout.orgPath),
      );
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

/** The deliveries of the subtree in every review status, a page at a time (photos are not read). */
async function* deliveryPages(campaign: Campaign, orgPath: string, pageSize: number) {
  let from: DeliveryWalkPosition | undefined;
  do {
    const page = await pageDeliveriesInOrg(campaign.id, orgPath, pageSize, from);
    yield page.records.map((record) => deliveryRow(toDeliveryView(record)));
    from = page.next ?? undefined;
  } while (from);
}

/** Every detail row of the report, deliveries then hand-outs, one bounded page at a time. */
export async function* detailPages(
  campaign: Campaign,
  orgPath: string,
  pageSize: number,
): AsyncGenerator<ReportCell[][]> {
  yield* deliveryPages(campaign, orgPath, pageSize);
  yield* handoutPages(campaign, orgPath, pageSize);
}
