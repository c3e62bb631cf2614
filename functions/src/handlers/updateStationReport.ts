import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateStationReport } from '../services/reports';

export const handler = route(contracts.updateStationReport, ({ caller, input }) =>
  updateStationReport(caller, input.params.id, input.body),
);
