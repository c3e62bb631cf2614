import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listHardshipAudit } from '../services/hardshipReveal';

export const handler = route(contracts.listHardshipAudit, ({ caller, input }) =>
  listHardshipAudit(caller, input.params.id, input.query),
);
