import type { Station } from '@ankang/shared';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { campaignToItem } from '../src/db/campaignItems';
import { keys, staffIndexKeys } from '../src/db/keys';
import { volunteerSignupToItem, worksiteSignupToItem } from '../src/db/signupItems';
import { stationToItem } from '../src/db/stationItems';
import { stationPlaceOf } from '../src/lib/places';
import { demoAssignmentItems } from './demoAssignments';
import { demoCampaigns } from './demoCampaigns';
import { demoCommentItems } from './demoComments';
import { demoOrgs, demoUserId, demoUsers } from './demoData';
import { seedDemoDeliveries } from './demoDeliveries';
import { seedDemoHandouts } from './demoHandouts';
import { type DemoPhotoStorage, seedDemoPhotos } from './demoPhotos';
import { seedStationSearch } from './demoSearch';
import { demoVolunteerSignups, demoWorksiteSignups } from './demoSignups';
import { seedDemoStationPhotos } from './demoStationPhotos';
import { demoStations } from './demoStations';
import { endpointUrlOf, provideLocalFunctionEnv } from './seedEnv';
import { assertLocalSeedTarget } from './seedGuard';
import { addMissingIndexKeys, putIfAbsent } from './seedWrites';

export { demoUserId };

/** The station with the place codes the API derives on create. */
function withPlace(station: Station): Station {
  const place = stationPlaceOf(station);
  return place ? { ...station, place } : station;
}

/** A station's item plus the claim on its external id, as the import writes them. */
function stationItems(now: Date): Record<string, unknown>[] {
  return demoStations(now).flatMap((station) => [
    stationToItem(withPlace(station)),
    ...(station.externalId
      ? [
          {
            ...keys.externalId(station.orgPath, station.externalId),
            type: 'ExternalId',
            orgPath: station.orgPath,
            externalId: station.externalId,
            stationId: station.id,
          },
        ]
      : []),
  ]);
}

/**
 * Seeds the demo org tree, accounts, stations, outreach campaigns, their sign-ups and assignments,
 * and the 困难职工 households with their visits; only into DynamoDB Local on the local stage; idempotent
 * (an existing item is left as it is, edits included). Returns how many items were new, counting
 * each demo station whose place or search entries had to be written as one (a second start: 0).
 */
export async function seedDemoData(
  client: DynamoDBClient,
  tableName: string,
  at = new Date(),
  /** The stack's s3rver: when given, some demo deliveries get photos. */
  photoStorage?: DemoPhotoStorage,
): Promise<number> {
  // Demo accounts and fictitious households belong on this machine only, never beside real data.
  await assertLocalSeedTarget(client);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const stamp = at.toISOString();
  const orgItems = demoOrgs.map((org) => ({
    ...keys.org(org.path),
    type: 'Org',
    ...org,
    version: 1,
    updatedAt: stamp,
  }));
  const userItems = demoUsers.map((user) => {
    const id = demoUserId(user);
    return {
      ...keys.user(id),
      ...keys.demoUsers(),
      gsi1sk: user.key,
      type: 'User',
      id,
      openid: `demo:${user.key}`,
      nickname: user.nickname,
      ...(user.roles.length > 0 ? { roles: new Set(user.roles) } : {}),
      ...(user.orgPath ? { orgPath: user.orgPath } : {}),
      // Staff are found by node (alert assignees) through the same index setUserStaffRole keeps.
      ...staffIndexKeys.ofUser({ id, roles: user.roles, orgPath: user.orgPath }),
      demo: true,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    };
  });
  const written = await Promise.all(
    [
      ...orgItems,
      ...userItems,
      ...stationItems(at),
      ...demoCampaigns(at).map(campaignToItem),
      ...demoWorksiteSignups(at).map(worksiteSignupToItem),
      ...demoVolunteerSignups(at).map(volunteerSignupToItem),
      ...demoAssignmentItems(at),
      ...demoCommentItems(at),
    ].map((item) => putIfAbsent(db, tableName, item)),
  );
  // A data directory seeded before the staff-by-org index existed gets it on its demo staff.
  await Promise.all(
    demoUsers.map((user) =>
      addMissingIndexKeys(
        db,
        tableName,
        keys.user(demoUserId(user)),
        staffIndexKeys.ofUser({ id: demoUserId(user), roles: user.roles, orgPath: user.orgPath }),
      ),
    ),
  );
  // Deliveries last: written with their counters in one transaction each, as the API does.
  const deliveries = await seedDemoDeliveries(db, tableName, at);
  const handouts = await seedDemoHandouts(db, tableName, at);
  const photos = photoStorage ? await seedDemoPhotos(db, tableName, at, photoStorage) : 0;
  const stationPhotos = photoStorage ? await seedDemoStationPhotos(db, tableName, at, photoStorage) : 0;
  // Households are sealed and hashed by the functions' own modules, which read the function
  // environment when loaded: this process gets the local stage's first (see seedEnv.ts).
  const endpoint = await endpointUrlOf(client);
  provideLocalFunctionEnv(tableName, endpoint, photoStorage);
  // Place codes and search entries of the stations as they stand (older data directories included),
  // written only where they differ from what the API writes.
  const search = await seedStationSearch(demoStations(at).map((station) => station.id));
  // The rule override first, so anything reviewed after it applies 苏州's own policy.
  const { seedDemoPolicies } = await import('./demoPolicies');
  const policies = await seedDemoPolicies(db, tableName, at);
  const { seedDemoHouseholds } = await import('./demoHouseholds');
  const households = await seedDemoHouseholds(db, tableName, at);
  // Alerts after the visits: raised by the real rules, moved by the demo staff through the services.
  const { seedDemoAlerts } = await import('./demoAlerts');
  const alerts = await seedDemoAlerts(tableName, endpoint, at);
  // Role holders and pending invites, the pending ones made through the invite service.
  const { seedDemoInvites } = await import('./demoInvites');
  const invites = await seedDemoInvites(db, tableName, at);
  // Suggested stations after the stations (the nearest one decides the reviewing union).
  const { seedDemoSuggestions } = await import('./demoSuggestions');
  const suggestions = await seedDemoSuggestions(db, tableName, at, photoStorage);
  // Problem reports through the report service, some answered by the demo staff.
  const { seedDemoReports } = await import('./demoReports');
  const reports = await seedDemoReports();
  return written.reduce<number>(
    (sum, count) => sum + count,
    search.indexed +
      deliveries +
      handouts +
      photos +
      stationPhotos +
      policies +
      households +
      alerts +
      invites +
      suggestions +
      reports,
  );
}
