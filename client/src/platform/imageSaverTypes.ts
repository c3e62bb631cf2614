/** Why an image was not saved: the user backed out, refused the album permission, or it failed. */
export type ImageSaveFailure = 'cancelled' | 'denied' | 'unavailable';

export class ImageSaveError extends Error {
  constructor(
    readonly reason: ImageSaveFailure,
    options?: { cause?: unknown },
  ) {
    super(`image not saved: ${reason}`, options);
    this.name = 'ImageSaveError';
  }
}

/** An image the server sent as base64, e.g. a campaign's sign-up code. */
export interface ImageToSave {
  base64: string;
  mimeType: 'image/png' | 'image/jpeg';
  /** The file's name without extension (ASCII: it becomes a path on the phone). */
  name: string;
}

export const imageExtension = (mimeType: ImageToSave['mimeType']) =>
  mimeType === 'image/png' ? 'png' : 'jpg';
