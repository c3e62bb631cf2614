import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getStationPhotos } from '../services/photoGallery';

export const handler = route(contracts.getStationPhotos, ({ caller, input }) =>
  getStationPhotos(caller, input.params.id),
);
