import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listVisibleOrgs } from '../services/orgs';

export const handler = route(contracts.listOrgs, ({ caller, input }) =>
  listVisibleOrgs(caller, input.query.root),
);
