import { getStationPhotos, type StationGallery, updateStationPhotos } from '@ankang/shared';
import { call } from './api';

/** A station's gallery for its editor: the photos in order and the gallery's version. */
export function fetchStationGallery(stationId: string): Promise<StationGallery> {
  return call(getStationPhotos, { params: { id: stationId } });
}

/** Saves the gallery's photos in this order; a stale `photosVersion` answers 409 VERSION_CONFLICT. */
export function saveStationGallery(
  stationId: string,
  photoIds: string[],
  photosVersion: number,
): Promise<StationGallery> {
  return call(updateStationPhotos, { params: { id: stationId }, body: { photoIds, photosVersion } });
}
