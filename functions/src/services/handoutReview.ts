import type { Handout, HandoutReview } from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { retryOnConflict } from '../db/conflictRetry';
import { type HandoutRecord, handoutTally, handoutView } from '../db/handoutItems';
import { getHandoutRecord, listHandoutsOfCampaign, replaceHandout } from '../db/handouts';
import { tallyUpdate } from '../db/tallies';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import { deliveryViewRoot } from './deliveryLists';
import { assertInScope } from './scope';

const PAGE = 20;

/**
 * A campaign's hand-outs in an org subtree, chosen as for its deliveries (deliveryViewRoot: staff
 * beside the campaign are refused). `flagged` lists the over-allowance ones staff review; otherwise
 * the others.
 */
export async function listCampaignHandouts(
  caller: Caller,
  campaignId: string,
  query: { orgPath?: string; flagged: boolean; cursor?: string },
): Promise<{ handouts: Handout[]; nextCursor: string | null }> {
  const campaign = await getCampaign(caller, campaignId);
  const root = deliveryViewRoot(caller, campaign, query.orgPath);
  const page = await listHandoutsOfCampaign(campaign.id, query.flagged, root, {
    limit: PAGE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { handouts: page.records.map(handoutView), nextCursor: page.nextCursor };
}

function conflict(current: HandoutRecord): AppError {
  return new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
}

/**
 * Staff decide on an over-allowance hand-out: keep it (it was really handed out, e.g. a worker on a
 * double shift) or undo it — then it leaves the dashboard in the same transaction. Only a pending
 * one is decided; the same decision sent again (its answer lost) returns the record as it is.
 */
export async function reviewHandout(caller: Caller, id: string, body: HandoutReview): Promise<Handout> {
  const current = await getHandoutRecord(id);
  if (!current) throw new AppError('HANDOUT_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  const target = body.decision === 'approve' ? 'approved' : 'rejected';
  if (current.review.status === target && current.version === body.version + 1) return handoutView(current);
  if (current.version !== body.version) throw conflict(current);
  if (current.review.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', { message: '只有超额待审核的发放记录需要审核' });
  }
  const next: HandoutRecord = {
    ...current,
    review: {
      status: target,
      ...(body.comment ? { comment: body.comment } : {}),
      reviewerName: caller.nickname,
      at: now().toISOString(),
    },
    version: current.version + 1,
  };
  const campaign = await getCampaignById(current.campaignId);
  if (!campaign) throw new AppError('HANDOUT_NOT_FOUND');
  const tallies = target === 'rejected' ? () => tallyUpdate(campaign, handoutTally(current, -1)) : () => [];
  const outcome = await retryOnConflict(() => replaceHandout(next, body.version, tallies()));
  if (outcome === 'saved') return handoutView(next);
  const latest = await getHandoutRecord(id);
  if (!latest) throw new AppError('HANDOUT_NOT_FOUND');
  throw conflict(latest);
}
