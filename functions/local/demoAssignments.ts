import type { AssignmentStatus } from '@ankang/shared';
import {
  type AssignmentRecord,
  assignmentIdFor,
  assignmentToItem,
  heldSlot,
  siteSnapshot,
  volunteerSlotItem,
} from '../src/db/assignmentItems';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from '../src/db/signupRecords';
import { DEMO_CAMPAIGN_ID, demoCampaigns, shanghaiDateAfter } from './demoCampaigns';
import {
  demoVolunteerSignupIds,
  demoVolunteerSignups,
  demoWorksiteSignupIds,
  demoWorksiteSignups,
} from './demoSignups';

const HOUR_MS = 3_600_000;

/**
 * The ids are the ones a create computes for the same site and half day (so seeding twice writes
 * nothing new, and staff assigning a demo site's taken half day meet the demo task).
 */
interface TaskSeed {
  worksiteId: string;
  volunteerId: string;
  day: number;
  slot: 'am' | 'pm';
  status: AssignmentStatus;
  /** Earlier holders: who, how it ended for them, why, hours before the seed. */
  history?: { volunteerId: string; status: AssignmentStatus; reason: string; hoursAgo: number }[];
}

const seeds: TaskSeed[] = [
  // 赵磊 at the building site tomorrow morning, not yet answered.
  {
    worksiteId: demoWorksiteSignupIds.buildingSite,
    volunteerId: demoVolunteerSignupIds.zhaoLei,
    day: 1,
    slot: 'am',
    status: 'assigned',
  },
  // 钱悦 at 大新镇's delivery station the day after tomorrow, afternoon, accepted.
  {
    worksiteId: demoWorksiteSignupIds.riderStation,
    volunteerId: demoVolunteerSignupIds.qianYue,
    day: 2,
    slot: 'pm',
    status: 'accepted',
  },
  // The city sanitation depot: 赵磊 declined, handed to 钱悦, who has not answered yet.
  {
    worksiteId: demoWorksiteSignupIds.citySanitation,
    volunteerId: demoVolunteerSignupIds.qianYue,
    day: 2,
    slot: 'am',
    status: 'assigned',
    history: [
      {
        volunteerId: demoVolunteerSignupIds.zhaoLei,
        status: 'declined',
        reason: '当天上午单位有安全检查，走不开',
        hoursAgo: 2,
      },
    ],
  },
  // 赵磊 back at the building site in three days, afternoon, accepted.
  {
    worksiteId: demoWorksiteSignupIds.buildingSite,
    volunteerId: demoVolunteerSignupIds.zhaoLei,
    day: 3,
    slot: 'pm',
    status: 'accepted',
  },
];

function byId<T extends { id: string }>(list: T[], id: string): T {
  const found = list.find((entry) => entry.id === id);
  if (!found) throw new Error(`demo data has no ${id}`);
  return found;
}

function taskRecord(
  seed: TaskSeed,
  at: Date,
  worksites: WorksiteSignupRecord[],
  volunteers: VolunteerSignupRecord[],
  campaignTitle: string,
): AssignmentRecord {
  const worksite = byId(worksites, seed.worksiteId);
  const volunteer = byId(volunteers, seed.volunteerId);
  const date = shanghaiDateAfter(at, seed.day);
  const created = new Date(at.getTime() - 3 * HOUR_MS).toISOString();
  const history = (seed.history ?? []).map((entry) => ({
    volunteerSignupId: entry.volunteerId,
    volunteerName: byId(volunteers, entry.volunteerId).name,
    status: entry.status,
    reason: entry.reason,
    at: new Date(at.getTime() - entry.hoursAgo * HOUR_MS).toISOString(),
  }));
  // Each answer and each change of hands is one version on.
  const version = 1 + (seed.status === 'accepted' ? 1 : 0) + history.length * 2;
  return {
    id: assignmentIdFor(worksite.id, date, seed.slot),
    campaignId: DEMO_CAMPAIGN_ID,
    campaignTitle,
    worksiteSignupId: worksite.id,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    volunteerUserId: volunteer.userId,
    orgPath: worksite.orgPath,
    date,
    slot: seed.slot,
    status: seed.status,
    site: siteSnapshot(worksite),
    history,
    version,
    createdAt: created,
    updatedAt: history.length > 0 ? history[history.length - 1]!.at : created,
  };
}

/**
 * This year's demo tasks, counted from the seed day, in each state a newcomer should meet: waiting
 * for an answer, accepted, and declined then handed to someone else (with its history).
 */
export function demoAssignments(at: Date): AssignmentRecord[] {
  const worksites = demoWorksiteSignups(at);
  const volunteers = demoVolunteerSignups(at);
  const title = byId(demoCampaigns(at), DEMO_CAMPAIGN_ID).title;
  return seeds.map((seed) => taskRecord(seed, at, worksites, volunteers, title));
}

/** The tasks' items and the half-day locks their volunteers hold, as the API writes them. */
export function demoAssignmentItems(at: Date): Record<string, unknown>[] {
  return demoAssignments(at).flatMap((record) => {
    const slot = heldSlot(record);
    return [
      assignmentToItem(record),
      ...(slot ? [volunteerSlotItem(slot, record.id, record.updatedAt)] : []),
    ];
  });
}
