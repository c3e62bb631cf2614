import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateStationPhotos } from '../services/photoGallery';

export const handler = route(contracts.updateStationPhotos, ({ caller, input }) =>
  updateStationPhotos(caller, input.params.id, input.body),
);
