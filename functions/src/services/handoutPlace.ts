import { type Campaign, type HandoutPlace, isWithinOrg } from '@ankang/shared';
import { getAssignmentRecord } from '../db/assignments';
import { getOrg } from '../db/orgs';
import { listVolunteerSignupsOfUser } from '../db/signups';
import { getStationById } from '../db/stations';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { isInScope } from './scope';

/** A user has one sign-up per campaign; 50 covers every campaign a volunteer joins in years. */
const MY_SIGNUPS = 50;

/** Who records a hand-out, and where it counts. */
export interface HandoutSite {
  orgPath: string;
  placeName: string;
  recorderName: string;
}

/** The caller's approved volunteer sign-up for the campaign, if any. */
async function approvedVolunteer(caller: Caller, campaignId: string) {
  const mine = await listVolunteerSignupsOfUser(caller.userId, MY_SIGNUPS);
  return mine.find((signup) => signup.campaignId === campaignId && signup.status === 'approved') ?? null;
}

const isStaff = (caller: Caller) => caller.roles.includes('staff') || caller.roles.includes('admin');

function outsideCampaign(what: string): AppError {
  return new AppError('OUT_OF_SCOPE', { message: `${what}不在本活动的范围内` });
}

/**
 * Checks that the caller may record a hand-out at `place` in the campaign and says where it counts.
 * An approved volunteer of the campaign records at their own task, or at a station or field spot in
 * one of their districts; staff record anywhere in their scope. Anyone else is refused: a volunteer
 * of another campaign (or none) with NOT_CAMPAIGN_VOLUNTEER, staff beside the place with OUT_OF_SCOPE.
 */
export async function resolveHandoutSite(
  caller: Caller,
  campaign: Campaign,
  place: HandoutPlace,
): Promise<HandoutSite> {
  const volunteer = await approvedVolunteer(caller, campaign.id);
  const staff = isStaff(caller);
  if (!volunteer && !staff) throw new AppError('NOT_CAMPAIGN_VOLUNTEER');
  const recorderName = volunteer?.name ?? caller.nickname;
  const inDistricts = (orgPath: string) =>
    volunteer?.districts.some((district) => isWithinOrg(orgPath, district)) ?? false;
  const allowed = (orgPath: string) => inDistricts(orgPath) || (staff && isInScope(caller, orgPath));

  if (place.type === 'assigned') {
    const task = await getAssignmentRecord(place.assignmentId);
    const own = task?.volunteerUserId === caller.userId && volunteer !== null;
    // Someone else's task is as absent as a missing one, unless staff oversee it.
    if (!task || task.campaignId !== campaign.id || !(own || (staff && isInScope(caller, task.orgPath)))) {
      throw new AppError('ASSIGNMENT_NOT_FOUND');
    }
    if (task.status === 'cancelled' || task.status === 'declined') {
      throw new AppError('INVALID_TRANSITION', { message: '该任务已取消或已婉拒，不能在此记录发放' });
    }
    return { orgPath: task.orgPath, placeName: task.site.siteName, recorderName };
  }
  if (place.type === 'station') {
    const station = await getStationById(place.stationId);
    if (!station) throw new AppError('STATION_NOT_FOUND');
    if (!isWithinOrg(station.orgPath, campaign.orgPath)) throw outsideCampaign('该驿站');
    if (!allowed(station.orgPath)) throw new AppError('OUT_OF_SCOPE');
    return { orgPath: station.orgPath, placeName: station.name, recorderName };
  }
  if (!isWithinOrg(place.orgPath, campaign.orgPath)) throw outsideCampaign('该地区');
  if (!allowed(place.orgPath)) {
    throw new AppError('OUT_OF_SCOPE', { message: '只能在您报名服务的区域内记录发放' });
  }
  const org = await getOrg(place.orgPath);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  return { orgPath: place.orgPath, placeName: org.name, recorderName };
}
