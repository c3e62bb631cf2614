/** A photo kept on the phone until it is uploaded (it survives the app being killed). */
export interface LocalPhoto {
  /** Where it is kept: a saved file's path (WeChat) or `idb:<key>` (H5, IndexedDB). */
  ref: string;
  /** What an <Image> shows while the form is open. */
  previewUrl: string;
}

/** The longest side a photo keeps after on-device compression, in px. */
export const photoMaxSide = 1280;
/** JPEG quality after compression (0–1); a phone photo lands at about 100–400 KB. */
export const photoQuality = 0.7;

/** The photo could not be taken or kept (no camera permission, storage full …). */
export class PhotoError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'missing',
    options?: { cause?: unknown },
  ) {
    super(`photo ${reason}`, options);
    this.name = 'PhotoError';
  }
}

/** The width and height to scale to so the longest side is at most `photoMaxSide`. */
export function fitWithin(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, photoMaxSide / Math.max(width, height, 1));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
