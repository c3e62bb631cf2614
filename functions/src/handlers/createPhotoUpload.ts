import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createPhotoUpload } from '../services/photos';

export const handler = route(contracts.createPhotoUpload, ({ caller, input }) =>
  createPhotoUpload(caller, input.body),
);
