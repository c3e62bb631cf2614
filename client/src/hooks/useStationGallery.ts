import { MAX_STATION_PHOTOS } from '@ankang/shared';
import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchStationGallery, saveStationGallery } from '../services/stationPhotos';
import { type PhotoFieldState, usePhotoField } from './usePhotoField';
import { useRequest } from './useRequest';

export interface StationGalleryState {
  field: PhotoFieldState;
  loading: boolean;
  loadError: ApiError | null;
  /** The form differs from the gallery as last loaded or saved (added, removed or moved). */
  dirty: boolean;
  saving: boolean;
  saveError: ApiError | null;
  /** Someone saved the gallery after it was loaded: reload before arranging on. */
  conflict: boolean;
  /** Sends new photos, then saves the order; true when saved. */
  save: () => Promise<boolean>;
  /** Drops local changes and loads the gallery as it is now. */
  reload: () => void;
}

/**
 * The staff editor of a station's photos: loads the gallery with its version, lets staff add (up
 * to nine, compressed on the phone), remove and order them, and saves with that version, so a
 * colleague's save in between is a 409 and never overwritten.
 */
export function useStationGallery(stationId: string | undefined): StationGalleryState {
  const field = usePhotoField(MAX_STATION_PHOTOS);
  const { load } = field;
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<{ ids: string[]; version: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);

  const request = useRequest(
    async () => {
      const gallery = await fetchStationGallery(stationId!);
      load(gallery.photos);
      setSaved({ ids: gallery.photos.map((photo) => photo.id), version: gallery.photosVersion });
      setSaveError(null);
      setConflict(false);
      return gallery;
    },
    { enabled: Boolean(stationId), key: `${stationId}:${attempt}` },
  );

  const ids = field.photos.map((photo) => photo.id);
  const dirty =
    saved !== null && (ids.length !== saved.ids.length || ids.some((id, i) => id !== saved.ids[i]));

  const save = useCallback(async (): Promise<boolean> => {
    if (!stationId || !saved || saving) return false;
    setSaving(true);
    setSaveError(null);
    try {
      const photoIds = await field.upload({ kind: 'station', id: stationId });
      const gallery = await saveStationGallery(stationId, photoIds, saved.version);
      load(gallery.photos);
      setSaved({ ids: gallery.photos.map((photo) => photo.id), version: gallery.photosVersion });
      return true;
    } catch (failure) {
      const error = toApiError(failure);
      if (error.code === 'VERSION_CONFLICT') setConflict(true);
      setSaveError(error);
      return false;
    } finally {
      setSaving(false);
    }
  }, [stationId, saved, saving, field, load]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    field,
    loading: request.loading,
    loadError: request.error,
    dirty,
    saving: saving || field.uploading,
    saveError,
    conflict,
    save,
    reload,
  };
}
