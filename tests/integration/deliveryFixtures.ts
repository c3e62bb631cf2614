import { randomUUID } from 'node:crypto';
import type { Campaign } from '@ankang/shared';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AssignmentRecord, assignmentToItem } from '../../functions/src/db/assignmentItems';
import { db, tableName } from '../../functions/src/db/client';
import { type DeliveryRecord, deliveryRecordSchema } from '../../functions/src/db/deliveryItems';
import { deliveryKeys } from '../../functions/src/db/keys';
import { volunteerSignupToItem, worksiteSignupToItem } from '../../functions/src/db/signupItems';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from '../../functions/src/db/signupRecords';
import { handler as createDelivery } from '../../functions/src/handlers/createDelivery';
import { handler as getDeliveryDashboard } from '../../functions/src/handlers/getDeliveryDashboard';
import { handler as listCampaignDeliveries } from '../../functions/src/handlers/listCampaignDeliveries';
import { handler as listMyDeliveries } from '../../functions/src/handlers/listMyDeliveries';
import { handler as reviewDelivery } from '../../functions/src/handlers/reviewDelivery';
import { handler as updateDelivery } from '../../functions/src/handlers/updateDelivery';
import { deliveryKinds } from '../support/deliveryKinds';
import { httpEvent, invoke } from '../support/events';
import { day, storedCampaign, storedVolunteer, storedWorksite, zjg } from './assignmentFixtures';
import { freshOrg, freshUser } from './fixtures';

export const newDeliveryId = () => `dl_${randomUUID().replace(/-/g, '')}`;

export { deliveryKinds };

/** A task stored straight to the table, accepted by the volunteer, at `site`. */
export async function storedTask(
  campaign: Campaign,
  site: WorksiteSignupRecord,
  volunteer: VolunteerSignupRecord,
  overrides: Partial<AssignmentRecord> = {},
): Promise<AssignmentRecord> {
  const stamp = new Date().toISOString();
  const record: AssignmentRecord = {
    id: `as_${randomUUID().replace(/-/g, '')}`,
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    worksiteSignupId: site.id,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    volunteerUserId: volunteer.userId,
    orgPath: site.orgPath,
    date: day(0),
    slot: 'am',
    status: 'accepted',
    site: {
      siteName: site.siteName,
      address: site.address,
      orgName: site.orgName,
      ...(site.location ? { location: site.location } : {}),
      contactName: site.contactName,
      contactPhoneMasked: '138****5678',
      outdoorWorkers: site.outdoorWorkers,
      requested: site.requested,
    },
    history: [],
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
  await db.send(new PutCommand({ TableName: tableName, Item: assignmentToItem(record) }));
  return record;
}

/**
 * A test's own scene: a county campaign (season from 10 days ago to 40 days on) with a town under
 * it and a town beside it, staff at each, two approved volunteers serving the county, a site in the
 * county and one in the town, and an accepted task for each volunteer.
 */
export async function deliveryScene() {
  const county = await freshOrg(zjg, '测试县');
  const [town, sideTown] = await Promise.all([freshOrg(county, '测试镇'), freshOrg(zjg, '邻县')]);
  const campaign = await storedCampaign(county, { kinds: deliveryKinds });
  const [staff, townStaff, sideStaff, volunteerA, volunteerB, stranger] = await Promise.all([
    freshUser({ roles: ['staff'], orgPath: county }),
    freshUser({ roles: ['staff'], orgPath: town }),
    freshUser({ roles: ['staff'], orgPath: sideTown }),
    freshUser({ roles: ['volunteer'] }),
    freshUser({ roles: ['volunteer'] }),
    freshUser(),
  ]);
  const [countySite, townSite, signupA, signupB] = await Promise.all([
    storedWorksite(campaign, county, { orgName: '测试县' }),
    storedWorksite(campaign, town, { orgName: '测试县 › 测试镇' }),
    storedVolunteer(campaign, volunteerA.userId, { name: '赵测试', districts: [county] }),
    storedVolunteer(campaign, volunteerB.userId, { name: '钱测试', districts: [town] }),
  ]);
  // The shared fixtures store sign-ups without their index keys; deliveries read both indexes.
  await Promise.all([
    ...[countySite, townSite].map((site) =>
      db.send(new PutCommand({ TableName: tableName, Item: worksiteSignupToItem(site) })),
    ),
    ...[signupA, signupB].map((signup) =>
      db.send(new PutCommand({ TableName: tableName, Item: volunteerSignupToItem(signup) })),
    ),
  ]);
  const [taskA, taskB] = await Promise.all([
    storedTask(campaign, countySite, signupA),
    storedTask(campaign, townSite, signupB),
  ]);
  return {
    county,
    town,
    sideTown,
    campaign,
    staff,
    townStaff,
    sideStaff,
    volunteerA,
    volunteerB,
    stranger,
    countySite,
    townSite,
    signupA,
    signupB,
    taskA,
    taskB,
  };
}
export type DeliveryScene = Awaited<ReturnType<typeof deliveryScene>>;

/** Noon Shanghai of `days` from today, as a phone would send it. */
export const noonOf = (days: number) => `${day(days)}T12:00:00+08:00`;

/** A well-formed delivery at the task's site (the site's own position, accurate to 20 m). */
export function draftAt(
  scene: DeliveryScene,
  task: AssignmentRecord,
  overrides: Record<string, unknown> = {},
) {
  return {
    id: newDeliveryId(),
    campaignId: scene.campaign.id,
    site: { type: 'assigned', assignmentId: task.id },
    kind: 'cool',
    items: [
      { code: 'water', quantity: 3 },
      { code: 'herbal', quantity: 10 },
    ],
    peopleReached: 25,
    photoIds: [],
    position: { lat: 31.98, lng: 120.5, accuracy: 20 },
    deliveredAt: noonOf(0),
    ...overrides,
  };
}

export const post = (token: string, body: unknown) =>
  invoke(createDelivery, httpEvent({ method: 'POST', path: '/deliveries', token, body }));
export const edit = (token: string, id: string, body: unknown) =>
  invoke(
    updateDelivery,
    httpEvent({ method: 'PUT', path: `/deliveries/${id}`, token, params: { id }, body }),
  );
export const review = (token: string, id: string, body: unknown) =>
  invoke(
    reviewDelivery,
    httpEvent({ method: 'POST', path: `/staff/deliveries/${id}/review`, token, params: { id }, body }),
  );
export const myList = (token: string, query: Record<string, string>) =>
  invoke(listMyDeliveries, httpEvent({ path: '/me/deliveries', token, query }));
export const staffList = (token: string, campaignId: string, query: Record<string, string> = {}) =>
  invoke(
    listCampaignDeliveries,
    httpEvent({
      path: `/staff/campaigns/${campaignId}/deliveries`,
      token,
      params: { id: campaignId },
      query,
    }),
  );
export const dashboard = (token: string, campaignId: string, query: Record<string, string> = {}) =>
  invoke(
    getDeliveryDashboard,
    httpEvent({ path: `/staff/campaigns/${campaignId}/dashboard`, token, params: { id: campaignId }, query }),
  );

/** A delivery as stored, read straight from the table, or null. */
export async function storedDelivery(id: string): Promise<DeliveryRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: deliveryKeys.delivery(id), ConsistentRead: true }),
  );
  return Item ? deliveryRecordSchema.parse(Item) : null;
}

/** Every counter item of one org node, read straight from its partition. */
export async function counterItems(campaignId: string, node: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': deliveryKeys.tallyPartition(campaignId, node) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
