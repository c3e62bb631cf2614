// Picked by Taro's multi-platform resolution for the H5 build; see photos.ts.
import { deleteBlob, getBlob, putBlob } from './photoStore.h5';
import { fitWithin, type LocalPhoto, PhotoError, photoQuality } from './photoTypes';

export { type LocalPhoto, PhotoError } from './photoTypes';

const prefix = 'idb:';

/** The browser's file chooser for images (the camera on a phone); [] when closed without a pick. */
function pickFiles(max: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = max > 1;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(files.slice(0, max));
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new PhotoError('unavailable'));
    };
    image.src = url;
  });
}

/** Draws the photo at most 1280 px on its longest side and encodes it as JPEG at 0.7. */
async function compress(file: File): Promise<Blob> {
  const image = await loadImage(file);
  const { width, height } = fitWithin(image.naturalWidth, image.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoError('unavailable');
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new PhotoError('unavailable'))),
      'image/jpeg',
      photoQuality,
    ),
  );
}

const newKey = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** Picks up to `max` photos, compressed and kept in IndexedDB; [] when the user backs out. */
export async function choosePhotos(max: number): Promise<LocalPhoto[]> {
  if (max <= 0) return [];
  const photos: LocalPhoto[] = [];
  for (const file of await pickFiles(max)) {
    const blob = await compress(file);
    const key = newKey();
    try {
      await putBlob(key, blob);
    } catch (error) {
      throw new PhotoError('unavailable', { cause: error });
    }
    photos.push({ ref: `${prefix}${key}`, previewUrl: URL.createObjectURL(blob) });
  }
  return photos;
}

/** The kept photo's bytes; PhotoError('missing') when it is gone (site data cleared). */
export async function readPhoto(ref: string): Promise<ArrayBuffer> {
  const blob = ref.startsWith(prefix)
    ? await getBlob(ref.slice(prefix.length)).catch(() => undefined)
    : undefined;
  if (!blob) throw new PhotoError('missing');
  return blob.arrayBuffer();
}

/** Deletes a kept photo; a missing one is fine. */
export async function removePhoto(ref: string): Promise<void> {
  if (!ref.startsWith(prefix)) return;
  await deleteBlob(ref.slice(prefix.length)).catch(() => undefined);
}

/** PUTs bytes to a presigned URL with exactly the signed headers; the HTTP status, or throws offline. */
export async function putBytes(
  url: string,
  bytes: ArrayBuffer,
  headers: Record<string, string>,
): Promise<number> {
  const answer = await fetch(url, { method: 'PUT', body: bytes, headers });
  return answer.status;
}
