import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { rateStation } from '../services/feedback';

export const handler = route(contracts.rateStation, ({ caller, input }) =>
  rateStation(caller, input.params.id, input.body),
);
