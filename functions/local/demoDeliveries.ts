import type { Campaign, DeliveryReviewStatus } from '@ankang/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type AssignmentRecord,
  assignmentIdFor,
  assignmentToItem,
  siteSnapshot,
  volunteerSlotItem,
} from '../src/db/assignmentItems';
import { coverageItemUpdate, type DeliveryRecord, deliveryToItem } from '../src/db/deliveryItems';
import type { WorksiteSignupRecord } from '../src/db/signupRecords';
import { buildTallyUpdates, TALLY_SHARDS } from '../src/db/tallyItems';
import { contentHash } from '../src/lib/contentHash';
import { deliveryChanges } from '../src/services/deliveryCounts';
import { recordedFigures } from '../src/services/deliveryRules';
import { DEMO_CAMPAIGN_ID, demoCampaigns, shanghaiDateAfter } from './demoCampaigns';
import { demoVolunteerSignups, demoWorksiteSignupIds, demoWorksiteSignups } from './demoSignups';
import { putIfAbsent, transactIfAbsent } from './seedWrites';

const MINUTE_MS = 60_000;
/** Days of deliveries before the seed day (the seed day itself has none: its tasks are ahead). */
const DAYS = 21;

/** Deterministic "random" in [0, 1) from a number, so every seed writes the same demo. */
function noise(n: number): number {
  const x = Math.sin(n * 12.9898) * 43_758.5453;
  return x - Math.floor(x);
}

interface DemoWrite {
  record: DeliveryRecord;
  task?: AssignmentRecord;
}

/** The campaign's worksites the demo volunteers serve: the three approved ones. */
const taskSites = [
  { id: demoWorksiteSignupIds.buildingSite, slot: 'am' as const, volunteer: 0 },
  { id: demoWorksiteSignupIds.riderStation, slot: 'pm' as const, volunteer: 0 },
  // Served less, and lately: its deliveries are still waiting, so coverage lists it as uncovered.
  { id: demoWorksiteSignupIds.citySanitation, slot: 'am' as const, volunteer: 1 },
];

/** Sites met in the field, in the volunteers' districts. */
const adHocSites = [
  {
    name: '大新镇农贸市场保洁点',
    address: '大新镇长江中路 88 号',
    orgPath: '320000/320500/320582/daxin',
    orgName: '张家港市 › 大新镇',
    at: { lat: 31.9781, lng: 120.5187 },
  },
  {
    name: '沙洲路道路养护作业点',
    address: '杨舍镇沙洲西路 200 号',
    orgPath: '320000/320500/320582',
    orgName: '张家港市',
    at: { lat: 31.8702, lng: 120.5388 },
  },
  {
    name: '港城大道快递驿站',
    address: '杨舍镇港城大道 568 号',
    orgPath: '320000/320500/320582',
    orgName: '张家港市',
    at: { lat: 31.8804, lng: 120.5506 },
  },
];

/** What a delivery of each kind hands out (quantities scaled by the site's size). */
function lines(kind: string, n: number): { code: string; quantity: number }[] {
  const scale = 1 + Math.floor(noise(n) * 4);
  if (kind === 'health')
    return [
      { code: 'huoxiang', quantity: 5 * scale },
      { code: 'fengyoujing', quantity: 2 * scale },
    ];
  if (kind === 'safety') return [{ code: 'sleeves', quantity: 6 * scale }];
  return noise(n + 1) < 0.5
    ? [
        { code: 'water', quantity: 2 * scale },
        { code: 'mungbean', quantity: scale },
      ]
    : [
        { code: 'cool-pack', quantity: 8 * scale },
        { code: 'watermelon', quantity: scale },
      ];
}

/** Older records are decided; the last two days' still wait; a few have issues or were refused. */
function reviewOf(daysAgo: number, n: number): DeliveryReviewStatus {
  if (daysAgo <= 2) return 'pending';
  const roll = noise(n + 7);
  if (roll < 0.08) return 'rejected';
  if (roll < 0.16) return 'needsChanges';
  return daysAgo <= 4 && roll < 0.4 ? 'pending' : 'approved';
}

function deliveryRecord(
  n: number,
  campaign: Campaign,
  volunteer: { id: string; name: string; userId: string },
  site: Pick<DeliveryRecord, 'site' | 'orgPath' | 'orgName' | 'siteName' | 'siteAddress' | 'siteLocation'>,
  deliveredAt: Date,
  kind: string,
  seedAt: Date,
): DeliveryRecord {
  const items = lines(kind, n);
  const iso = deliveredAt.toISOString();
  const base = site.siteLocation ?? { lat: 31.9, lng: 120.55 };
  // Most fixes are good; some are coarse, a few far off, a few missing (GPS off).
  const roll = noise(n + 3);
  const position =
    roll < 0.08
      ? undefined
      : {
          lat: base.lat + (roll > 0.94 ? 0.02 : (noise(n + 4) - 0.5) * 0.002),
          lng: base.lng + (noise(n + 5) - 0.5) * 0.002,
          accuracy: roll > 0.85 ? 180 : 8 + Math.floor(noise(n + 6) * 40),
        };
  const daysAgo = Math.round((seedAt.getTime() - deliveredAt.getTime()) / 86_400_000);
  const status = reviewOf(daysAgo, n);
  const created = new Date(Math.min(deliveredAt.getTime() + 6 * MINUTE_MS, seedAt.getTime())).toISOString();
  const decidedAt = new Date(
    Math.min(deliveredAt.getTime() + 26 * 60 * MINUTE_MS, seedAt.getTime()),
  ).toISOString();
  const body = {
    id: demoDeliveryId(n),
    campaignId: campaign.id,
    kind,
    items,
    peopleReached: 8 + Math.floor(noise(n + 2) * 40),
    deliveredAt: iso,
  };
  return {
    id: body.id,
    campaignId: campaign.id,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    ...site,
    ...recordedFigures(
      campaign,
      {
        ...body,
        photoIds: [],
        ...(position ? { position } : {}),
        ...(n % 9 === 0 ? { notes: '工人师傅们反映中午最需要清凉饮品。' } : {}),
      },
      site.siteLocation,
      seedAt,
    ),
    review:
      status === 'pending'
        ? { status }
        : {
            status,
            reviewerName: '李敏',
            at: decidedAt,
            ...(status === 'needsChanges' ? { comment: '请补充现场照片后再提交。' } : {}),
            ...(status === 'rejected' ? { comment: '与前一条记录重复。' } : {}),
          },
    version: status === 'pending' ? 1 : 2,
    createdAt: created,
    updatedAt: status === 'pending' ? created : decidedAt,
    userId: volunteer.userId,
    contentHash: contentHash(body),
    tallyRoot: campaign.orgPath,
  };
}

export const demoDeliveryId = (n: number) => `dl_demo0zjgdl${String(n).padStart(6, '0')}`;

/**
 * Three weeks of the demo campaign's deliveries before the seed day: past tasks at the approved
 * worksites (accepted, each with its delivery, some days two kinds) and sites met in the field,
 * by 赵磊 and 钱悦, in every review state. Pure: the same seed day gives the same records.
 */
export function demoDeliveries(seedAt: Date): DemoWrite[] {
  const campaign = demoCampaigns(seedAt).find((entry) => entry.id === DEMO_CAMPAIGN_ID)!;
  const worksites = demoWorksiteSignups(seedAt);
  const volunteers = demoVolunteerSignups(seedAt).filter((signup) => signup.status === 'approved');
  const writes: DemoWrite[] = [];
  let n = 0;
  for (let daysAgo = DAYS; daysAgo >= 1; daysAgo -= 1) {
    const date = shanghaiDateAfter(seedAt, -daysAgo);
    const noon = Date.parse(`${date}T12:00:00+08:00`);
    taskSites.forEach((entry, index) => {
      // Not every site every day; the city depot only in the last few days.
      if (index === 2 ? daysAgo > 2 : noise(daysAgo * 3 + index) < 0.3) return;
      const worksite = worksites.find((site) => site.id === entry.id)!;
      const volunteer = volunteers[(entry.volunteer + daysAgo) % volunteers.length]!;
      const task = pastTask(worksite, volunteer, date, entry.slot, campaign, noon - 3 * 86_400_000);
      const site = {
        site: { type: 'assigned' as const, assignmentId: task.id, worksiteSignupId: worksite.id },
        orgPath: worksite.orgPath,
        orgName: worksite.orgName,
        siteName: worksite.siteName,
        siteAddress: worksite.address,
        ...(worksite.location ? { siteLocation: worksite.location } : {}),
      };
      const time = noon + (entry.slot === 'am' ? -2 : 3) * 3_600_000 + Math.floor(noise(n) * 50) * MINUTE_MS;
      const kinds = noise(n + 11) < 0.3 ? ['cool', 'health'] : [noise(n + 12) < 0.8 ? 'cool' : 'safety'];
      for (const kind of kinds) {
        n += 1;
        writes.push({
          record: deliveryRecord(n, campaign, volunteer, site, new Date(time + n * MINUTE_MS), kind, seedAt),
          task,
        });
      }
    });
    for (const [index, place] of adHocSites.entries()) {
      if (noise(daysAgo + index * 5) < 0.55) continue;
      n += 1;
      const volunteer = volunteers[(daysAgo + index) % volunteers.length]!;
      const site = {
        site: { type: 'adHoc' as const },
        orgPath: place.orgPath,
        orgName: place.orgName,
        siteName: place.name,
        siteAddress: place.address,
      };
      const record = deliveryRecord(
        n,
        campaign,
        volunteer,
        site,
        new Date(noon + 60 * MINUTE_MS + index * 47 * MINUTE_MS),
        'cool',
        seedAt,
      );
      // Near the place the volunteer named (the record keeps no site position for an ad-hoc site).
      writes.push({
        record: record.position
          ? { ...record, position: { ...record.position, lat: place.at.lat, lng: place.at.lng } }
          : record,
      });
    }
  }
  return writes;
}

/** A past task at the site, accepted by the volunteer: the one a delivery there refers to. */
function pastTask(
  worksite: WorksiteSignupRecord,
  volunteer: { id: string; name: string; userId: string },
  date: string,
  slot: 'am' | 'pm',
  campaign: Campaign,
  createdMs: number,
): AssignmentRecord {
  const created = new Date(createdMs).toISOString();
  return {
    id: assignmentIdFor(worksite.id, date, slot),
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    worksiteSignupId: worksite.id,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    volunteerUserId: volunteer.userId,
    orgPath: worksite.orgPath,
    date,
    slot,
    status: 'accepted',
    site: siteSnapshot(worksite),
    history: [],
    version: 2,
    createdAt: created,
    updatedAt: created,
  };
}

/**
 * Writes the demo deliveries as the API does: each record with its counters (and, when approved at
 * a worksite, its coverage count) in one transaction whose record must be new, so a second seed
 * writes and counts nothing. Tasks and their half-day locks are put unless present. Returns how
 * many records were new.
 */
export async function seedDemoDeliveries(
  db: DynamoDBDocumentClient,
  tableName: string,
  seedAt: Date,
): Promise<number> {
  const writes = demoDeliveries(seedAt);
  const campaign = {
    id: DEMO_CAMPAIGN_ID,
    orgPath: demoCampaigns(seedAt).find((c) => c.id === DEMO_CAMPAIGN_ID)!.orgPath,
  };
  const tasks = new Map(writes.flatMap(({ task }) => (task ? [[task.id, task] as const] : [])));
  const putOnce = (item: Record<string, unknown>) => putIfAbsent(db, tableName, item);
  await Promise.all(
    [...tasks.values()].flatMap((task) => [
      putOnce(assignmentToItem(task)),
      putOnce(
        volunteerSlotItem(
          { volunteerSignupId: task.volunteerSignupId, date: task.date, slot: task.slot },
          task.id,
          task.updatedAt,
        ),
      ),
    ]),
  );
  let written = 0;
  const queue = [...writes];
  // A few at a time: DynamoDB Local runs transactions one by one anyway.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { record } = next;
        const coverage =
          record.review.status === 'approved' && record.site.type === 'assigned'
            ? [
                coverageItemUpdate(
                  tableName,
                  record.campaignId,
                  record.orgPath,
                  record.site.worksiteSignupId,
                  1,
                  record.updatedAt,
                ),
              ]
            : [];
        const shard = Number.parseInt(record.id.slice(-6), 10) % TALLY_SHARDS;
        // Read after the await: `written += await …` would add to a stale total from another worker.
        const added = await transactIfAbsent(db, [
          {
            Put: {
              TableName: tableName,
              Item: deliveryToItem(record),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...buildTallyUpdates(tableName, campaign, deliveryChanges(null, record), record.updatedAt, shard),
          ...coverage,
        ]);
        written += added;
      }
    }),
  );
  return written;
}
