import { alertFixtures } from './alertFixtures';
import { authFixtures } from './authFixtures';
import { campaignFixtures } from './campaignFixtures';
import { deliveryFixtures } from './deliveryFixtures';
import type { Fixture, RouteName } from './fixture';
import { hardshipFixtures } from './hardshipFixtures';
import { stationAdminFixtures } from './stationAdminFixtures';
import { stationFixtures } from './stationFixtures';

/** Every route's fixture: a route without one is a type error here and a failure in the matrix. */
export const fixtures: Record<RouteName, Fixture> = {
  ...authFixtures,
  ...stationFixtures,
  ...stationAdminFixtures,
  ...campaignFixtures,
  ...deliveryFixtures,
  ...hardshipFixtures,
  ...alertFixtures,
};
