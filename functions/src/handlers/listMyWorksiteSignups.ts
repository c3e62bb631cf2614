import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyWorksiteSignups } from '../services/worksiteSignups';

export const handler = route(contracts.listMyWorksiteSignups, ({ caller }) => listMyWorksiteSignups(caller));
