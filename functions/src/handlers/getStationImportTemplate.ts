import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { stationImportTemplate } from '../services/importTemplate';

export const handler = route(contracts.getStationImportTemplate, ({ input }) =>
  stationImportTemplate(input.query),
);
