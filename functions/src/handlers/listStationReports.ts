import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listStationReports } from '../services/reports';

export const handler = route(contracts.listStationReports, ({ caller, input }) =>
  listStationReports(caller, input.query),
);
