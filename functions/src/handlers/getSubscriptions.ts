import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getSubscriptions } from '../services/subscriptions';

export const handler = route(contracts.getSubscriptions, ({ caller }) => getSubscriptions(caller));
