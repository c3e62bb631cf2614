import { MAX_STATION_PHOTOS } from '@ankang/shared';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../services/errors';
import { fetchStationGallery, saveStationGallery } from '../services/stationPhotos';
import { type PhotoFieldState, usePhotoField } from './usePhotoField';
import { useRequest } from './useRequest';
import { useSubmit } from './useSubmit';

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
  /** Sends new photos, then saves the order; true when saved (a second tap meanwhile sends nothing). */
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

  // The fetcher only fetches: useRequest drops an answer that lands after a newer load started, so
  // only the newest gallery reaches the form (below).
  const request = useRequest(() => fetchStationGallery(stationId!), {
    enabled: Boolean(stationId),
    key: `${stationId}:${attempt}`,
  });

  // A ref guards the send (useSubmit), so two taps before the button redraws save once: the second
  // would carry the same version and come back as a false conflict.
  const submission = useSubmit(
    async () => {
      if (!stationId || !saved) throw new Error('gallery not loaded');
      const photoIds = await field.upload({ kind: 'station', id: stationId });
      return saveStationGallery(stationId, photoIds, saved.version);
    },
    {
      success: '照片已保存',
      // The editor shows the failure itself (the conflict notice, or a banner).
      toastFailure: false,
      onDone: (gallery) => {
        load(gallery.photos);
        setSaved({ ids: gallery.photos.map((photo) => photo.id), version: gallery.photosVersion });
      },
    },
  );
  const { clear } = submission;

  const gallery = request.data;
  useEffect(() => {
    if (!gallery) return;
    load(gallery.photos);
    setSaved({ ids: gallery.photos.map((photo) => photo.id), version: gallery.photosVersion });
    clear();
  }, [gallery, load, clear]);

  const ids = field.photos.map((photo) => photo.id);
  const dirty =
    saved !== null && (ids.length !== saved.ids.length || ids.some((id, i) => id !== saved.ids[i]));

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const saveError = submission.error;

  return {
    field,
    loading: request.loading,
    loadError: request.error,
    dirty,
    saving: submission.submitting || field.uploading,
    saveError,
    conflict: saveError?.code === 'VERSION_CONFLICT',
    save: submission.submit,
    reload,
  };
}
