import {
  type Campaign,
  type Delivery,
  type DeliveryDraft,
  type DeliverySiteDraft,
  isWithinOrg,
  orgPathChain,
} from '@ankang/shared';
import { getAssignmentRecord } from '../db/assignments';
import { getCampaignById } from '../db/campaigns';
import { retryOnConflict } from '../db/conflictRetry';
import { getDeliveryRecord, writeDelivery } from '../db/deliveries';
import type { DeliveryRecord } from '../db/deliveryItems';
import { getOrgs } from '../db/orgs';
import type { VolunteerSignupRecord } from '../db/signupRecords';
import { listVolunteerSignupsOfUser } from '../db/signups';
import { now } from '../lib/clock';
import { contentHash } from '../lib/contentHash';
import { AppError } from '../lib/errors';
import { countBusiness } from '../lib/metrics';
import type { Caller } from './caller';
import { recordedFigures } from './deliveryRules';
import { deliveryTallyItems } from './deliveryTallies';
import { deliveryView } from './deliveryViews';
import { chainOf, districtName } from './signupRules';

/** Sign-ups of one person looked through for their campaign's (far more than anyone makes). */
const SIGNUPS_LOOKED_AT = 100;

type NewDelivery = DeliveryDraft & { id: string };

/**
 * The answer to a create whose id is already stored: the same caller with the same content is a
 * retry and gets the record (as it is now, with the first answer's status); anything else reused
 * the id and is refused, whoever's the record is.
 */
async function answerExisting(caller: Caller, existing: DeliveryRecord, hash: string): Promise<Delivery> {
  if (existing.userId !== caller.userId || existing.contentHash !== hash) {
    throw new AppError('REQUEST_ID_REUSED');
  }
  return deliveryView(existing);
}

/** The caller's approved volunteer sign-up for the campaign among theirs, or 403 NOT_CAMPAIGN_VOLUNTEER. */
function campaignVolunteer(
  signups: readonly VolunteerSignupRecord[],
  campaignId: string,
): VolunteerSignupRecord {
  const signup = signups.find((entry) => entry.campaignId === campaignId && entry.status === 'approved');
  if (!signup) throw new AppError('NOT_CAMPAIGN_VOLUNTEER');
  return signup;
}

type SitePart = Pick<
  DeliveryRecord,
  'site' | 'orgPath' | 'orgName' | 'siteName' | 'siteAddress' | 'siteLocation'
>;

/** An assigned site: the caller's own live task of this campaign; the site's data comes from it. */
async function assignedSite(caller: Caller, campaign: Campaign, assignmentId: string): Promise<SitePart> {
  const task = await getAssignmentRecord(assignmentId);
  // Another person's task is as absent as a missing one.
  if (!task || task.volunteerUserId !== caller.userId || task.campaignId !== campaign.id) {
    throw new AppError('ASSIGNMENT_NOT_FOUND');
  }
  if (task.status !== 'assigned' && task.status !== 'accepted') {
    throw new AppError('INVALID_TRANSITION', { message: '该任务已取消或已婉拒，不能再记录配送' });
  }
  return {
    site: { type: 'assigned', assignmentId: task.id, worksiteSignupId: task.worksiteSignupId },
    orgPath: task.orgPath,
    orgName: task.site.orgName,
    siteName: task.site.siteName,
    siteAddress: task.site.address,
    ...(task.site.location ? { siteLocation: task.site.location } : {}),
  };
}

/**
 * A site met in the field: its district must exist, lie in the campaign's area and in (or under)
 * one of the districts the volunteer signed up to serve.
 */
async function adHocSite(
  campaign: Campaign,
  volunteer: VolunteerSignupRecord,
  site: Extract<DeliverySiteDraft, { type: 'adHoc' }>,
): Promise<SitePart> {
  const inArea =
    isWithinOrg(site.orgPath, campaign.orgPath) &&
    volunteer.districts.some((district) => isWithinOrg(site.orgPath, district));
  if (!inArea) {
    throw new AppError('VALIDATION_FAILED', {
      details: { issues: [{ path: 'body.site.orgPath', message: '所选地区不在您报名服务的区域内' }] },
    });
  }
  const nodes = await getOrgs(orgPathChain(site.orgPath));
  if (!nodes.some((node) => node.path === site.orgPath)) throw new AppError('ORG_NOT_FOUND');
  return {
    site: { type: 'adHoc' },
    orgPath: site.orgPath,
    orgName: districtName(chainOf(nodes, site.orgPath), campaign.orgPath),
    siteName: site.name,
    siteAddress: site.address,
  };
}

/** What a create reads before it decides, read together. */
interface CreateReads {
  campaign: Campaign | null;
  signups: VolunteerSignupRecord[];
}

/** The record a create writes, every check done (campaign first, then who is asking, then the site). */
async function newRecord(
  caller: Caller,
  body: NewDelivery,
  reads: CreateReads,
  hash: string,
  at: Date,
): Promise<DeliveryRecord> {
  const { campaign } = reads;
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  const volunteer = campaignVolunteer(reads.signups, campaign.id);
  // A closed campaign only stopped taking sign-ups; an archived one is over and filed.
  if (campaign.status === 'archived') {
    throw new AppError('INVALID_TRANSITION', { message: '活动已归档，不能再记录配送' });
  }
  const site =
    body.site.type === 'assigned'
      ? await assignedSite(caller, campaign, body.site.assignmentId)
      : await adHocSite(campaign, volunteer, body.site);
  const stamp = at.toISOString();
  const record: DeliveryRecord = {
    id: body.id,
    campaignId: campaign.id,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    ...site,
    ...recordedFigures(campaign, body, site.siteLocation, at),
    review: { status: 'pending' },
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    userId: caller.userId,
    contentHash: hash,
    tallyRoot: campaign.orgPath,
  };
  return record;
}

/**
 * A volunteer records a delivery under a client-made id. The same id again with the same content
 * is answered with the stored record and writes nothing; with other content (or from someone else)
 * it is 409 REQUEST_ID_REUSED. The record and the campaign's counters are one transaction, so a
 * record is counted exactly once; two racing sends of one id store one record and answer alike.
 */
export async function createDelivery(caller: Caller, body: NewDelivery): Promise<Delivery> {
  const hash = contentHash(body);
  // Read together: a first send (the common case) needs all three, a retry only the first.
  const [existing, campaign, signups] = await Promise.all([
    getDeliveryRecord(body.id),
    getCampaignById(body.campaignId),
    listVolunteerSignupsOfUser(caller.userId, SIGNUPS_LOOKED_AT),
  ]);
  if (existing) return answerExisting(caller, existing, hash);

  const record = await newRecord(caller, body, { campaign, signups }, hash, now());
  const outcome = await retryOnConflict(() => writeDelivery(record, null, deliveryTallyItems(null, record)));
  if (outcome === 'saved') {
    countBusiness('deliveryRecorded');
    return deliveryView(record);
  }
  // A racing send of the same id landed first.
  const first = await getDeliveryRecord(body.id);
  if (!first) throw new Error(`delivery ${body.id} exists but cannot be read`);
  return answerExisting(caller, first, hash);
}
