import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { recordSubscriptions } from '../services/subscriptions';

export const handler = route(contracts.recordSubscriptions, ({ caller, input }) =>
  recordSubscriptions(caller, input.body),
);
