import {
  type Campaign,
  type CampaignDraft,
  type CampaignStatus,
  campaignTransitions,
  orgPathChain,
} from '@ankang/shared';
import { getCampaignById, insertCampaign, listCampaignsOfOrg, replaceCampaign } from '../db/campaigns';
import { getOrg } from '../db/orgs';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { campaignIdFor } from '../lib/ids';
import type { Caller } from './caller';
import { assertInScope, isInScope } from './scope';

/** Campaigns read per org node of a listing; an org path has at most 5 nodes, so ≤ 100 a request. */
const CAMPAIGNS_PER_NODE = 20;

/** Open and closed campaigns are public; drafts and the archive only to staff who run them. */
function visibleTo(caller: Caller, campaign: Campaign): boolean {
  if (campaign.status === 'open' || campaign.status === 'closed') return true;
  return isInScope(caller, campaign.orgPath);
}

async function assertOrgExists(orgPath: string): Promise<void> {
  if (!(await getOrg(orgPath))) throw new AppError('ORG_NOT_FOUND');
}

/**
 * The campaigns a place takes part in: those its own union and every union above it run (a
 * province's campaign is visible in each town under it), newest season first.
 */
export async function listCampaigns(caller: Caller, org: string): Promise<{ campaigns: Campaign[] }> {
  await assertOrgExists(org);
  const perNode = await Promise.all(
    orgPathChain(org).map((path) => listCampaignsOfOrg(path, CAMPAIGNS_PER_NODE)),
  );
  const campaigns = perNode
    .flat()
    .filter((campaign) => visibleTo(caller, campaign))
    .sort((a, b) => b.season.from.localeCompare(a.season.from) || a.id.localeCompare(b.id));
  return { campaigns };
}

/** A campaign the caller may see; a draft of another union is as absent as a missing one. */
export async function getCampaign(caller: Caller, id: string): Promise<Campaign> {
  const campaign = await getCampaignById(id);
  if (!campaign || !visibleTo(caller, campaign)) throw new AppError('CAMPAIGN_NOT_FOUND');
  return campaign;
}

/**
 * Scope was checked on the draft's orgPath by the pipeline. A new campaign starts as a draft; a
 * retry with the same request id returns the campaign the first request made, as it is now.
 */
export async function createCampaign(
  caller: Caller,
  body: CampaignDraft & { requestId: string },
): Promise<Campaign> {
  const { requestId, ...draft } = body;
  await assertOrgExists(draft.orgPath);
  const at = now().toISOString();
  const campaign: Campaign = {
    ...draft,
    id: campaignIdFor(caller.userId, requestId),
    status: 'draft',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (await insertCampaign(campaign)) return campaign;
  const first = await getCampaignById(campaign.id);
  if (!first) throw new Error(`campaign ${campaign.id} neither inserted nor found`);
  return first;
}

/** The stored campaign, if it exists and the caller runs it (its org is within theirs). */
export async function loadManagedCampaign(caller: Caller, id: string): Promise<Campaign> {
  const campaign = await getCampaignById(id);
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  assertInScope(caller, campaign.orgPath);
  return campaign;
}

function conflict(current: Campaign): AppError {
  return new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
}

async function save(next: Campaign, expectedVersion: number): Promise<Campaign> {
  if (await replaceCampaign(next, expectedVersion)) return next;
  const latest = await getCampaignById(next.id);
  if (!latest) throw new AppError('CAMPAIGN_NOT_FOUND');
  throw conflict(latest);
}

export async function updateCampaign(
  caller: Caller,
  id: string,
  body: CampaignDraft & { version: number },
): Promise<Campaign> {
  const { version, ...draft } = body;
  const current = await loadManagedCampaign(caller, id);
  if (current.version !== version) throw conflict(current);
  // The archive is the record of what was done: it is not edited afterwards.
  if (current.status === 'archived') throw new AppError('INVALID_TRANSITION');
  if (draft.orgPath !== current.orgPath) await assertOrgExists(draft.orgPath);
  // Optional fields the edit leaves out are removed (staff switched the 清凉 allowance off), not kept.
  const { coolingAllowance: _previousAllowance, ...kept } = current;
  const next: Campaign = { ...kept, ...draft, version: version + 1, updatedAt: now().toISOString() };
  return save(next, version);
}

export async function setCampaignStatus(
  caller: Caller,
  id: string,
  body: { version: number; status: CampaignStatus },
): Promise<Campaign> {
  const current = await loadManagedCampaign(caller, id);
  // The same move sent again (its answer was lost): it happened, answer as the first time.
  if (current.status === body.status && current.version === body.version + 1) return current;
  if (current.version !== body.version) throw conflict(current);
  if (!campaignTransitions[current.status].includes(body.status)) throw new AppError('INVALID_TRANSITION');
  const next: Campaign = {
    ...current,
    status: body.status,
    version: body.version + 1,
    updatedAt: now().toISOString(),
  };
  return save(next, body.version);
}
