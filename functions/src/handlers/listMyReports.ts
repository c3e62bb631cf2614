import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyReports } from '../services/reports';

export const handler = route(contracts.listMyReports, ({ caller, input }) =>
  listMyReports(caller, input.query),
);
