import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listWorksiteSignups } from '../services/worksiteSignups';

export const handler = route(contracts.listWorksiteSignups, ({ caller, input }) =>
  listWorksiteSignups(caller, input.params.id, input.query),
);
