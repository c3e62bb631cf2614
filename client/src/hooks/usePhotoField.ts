import type { PhotoOwner, PhotoView } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { choosePhotos, type LocalPhoto, PhotoError, removePhoto } from '../platform/photos';
import { newPhotoId, sendPhoto } from '../services/photoUpload';

/**
 * A photo on a form: already on the server, or taken now and kept on the phone until sent. One sent
 * from this form keeps its phone copy (`ref`) until the form is saved or closed: on WeChat that
 * file is what its thumbnail shows, and a send that stops half-way must not blank it.
 */
export type FormPhoto = { id: string; previewUrl: string } & (
  | { stored: true; ref?: string }
  | { stored: false; ref: string }
);

export interface PhotoFieldState {
  photos: FormPhoto[];
  max: number;
  /** Takes or picks up to the room left (compressed on the device); a refusal is a toast. */
  add: () => Promise<void>;
  /** Takes one off the form (a photo kept on the phone is deleted from it). */
  remove: (id: string) => void;
  /** Moves one a place earlier (-1) or later (+1). */
  move: (id: string, step: -1 | 1) => void;
  /** Shows these stored photos (the server's order), replacing what the form held. */
  load: (views: readonly PhotoView[]) => void;
  /**
   * Sends the photos not yet on the server for `owner`, one after another, and answers every id in
   * the form's order. A photo once sent stays sent, so calling again after a failure goes on
   * where it stopped; the failure is thrown (an ApiError) for the form to show.
   */
  upload: (owner: PhotoOwner) => Promise<string[]>;
  uploading: boolean;
  /** The photos not yet sent now belong to a saved record's outbox: their phone copies are not dropped. */
  keep: () => void;
}

/**
 * The photo part of any form (a delivery, a station's gallery, a problem report, a suggestion):
 * what is on the form, adding and removing, ordering, and sending. The phone's copies go when the
 * form closes or shows the server's photos (`load`): those never sent are dropped unless `keep`
 * handed them to an outbox; those sent are on the server by then.
 */
export function usePhotoField(max: number): PhotoFieldState {
  const [photos, setPhotos] = useState<FormPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const photosRef = useRef(photos);
  photosRef.current = photos;
  const kept = useRef(false);

  useEffect(
    () => () => {
      for (const p of photosRef.current) {
        // A photo never sent is the outbox's to send once the form handed it over.
        if (p.ref && (p.stored || !kept.current)) void removePhoto(p.ref);
      }
    },
    [],
  );

  const add = useCallback(async () => {
    const room = max - photosRef.current.length;
    if (room <= 0) return;
    try {
      const taken: LocalPhoto[] = await choosePhotos(room);
      setPhotos((current) => [
        ...current,
        ...taken.map((p) => ({
          id: newPhotoId(),
          ref: p.ref,
          previewUrl: p.previewUrl,
          stored: false as const,
        })),
      ]);
    } catch (error) {
      const message =
        error instanceof PhotoError ? '无法获取照片，请检查相机和相册权限' : '照片处理失败，请重试';
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 });
    }
  }, [max]);

  const remove = useCallback((id: string) => {
    const photo = photosRef.current.find((p) => p.id === id);
    if (photo?.ref) void removePhoto(photo.ref);
    setPhotos((current) => current.filter((p) => p.id !== id));
  }, []);

  const move = useCallback((id: string, step: -1 | 1) => {
    setPhotos((current) => {
      const from = current.findIndex((p) => p.id === id);
      const to = from + step;
      if (from < 0 || to < 0 || to >= current.length) return current;
      const next = [...current];
      [next[from], next[to]] = [next[to]!, next[from]!];
      return next;
    });
  }, []);

  const load = useCallback((views: readonly PhotoView[]) => {
    for (const p of photosRef.current) if (p.ref) void removePhoto(p.ref);
    setPhotos(views.map((view) => ({ id: view.id, previewUrl: view.url, stored: true as const })));
  }, []);

  const upload = useCallback(async (owner: PhotoOwner): Promise<string[]> => {
    setUploading(true);
    try {
      for (const photo of photosRef.current) {
        if (photo.stored) continue;
        await sendPhoto({ id: photo.id, owner, ref: photo.ref });
        // Sent, and its phone copy kept for the preview until the form is saved (a later photo
        // or the record itself may still fail, and the form then stays as it was).
        const sent: FormPhoto = { id: photo.id, previewUrl: photo.previewUrl, stored: true, ref: photo.ref };
        photosRef.current = photosRef.current.map((p) => (p.id === photo.id ? sent : p));
        setPhotos(photosRef.current);
      }
      return photosRef.current.map((p) => p.id);
    } finally {
      setUploading(false);
    }
  }, []);

  const keep = useCallback(() => {
    kept.current = true;
  }, []);

  return { photos, max, add, remove, move, load, upload, uploading, keep };
}
