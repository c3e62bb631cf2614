import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { completePhotoUpload } from '../services/photos';

export const handler = route(contracts.completePhotoUpload, ({ caller, input }) =>
  completePhotoUpload(caller, input.params.id),
);
