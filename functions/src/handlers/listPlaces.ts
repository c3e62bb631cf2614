import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listPlaces } from '../services/places';

export const handler = route(contracts.listPlaces, ({ input }) => listPlaces(input.query));
