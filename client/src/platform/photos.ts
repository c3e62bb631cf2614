// Taro resolves `./photos` to `photos.h5.ts` in the H5 build and to this file in the weapp build (as
// with current.ts).
import Taro from '@tarojs/taro';
import { fitWithin, type LocalPhoto, PhotoError, photoMaxSide, photoQuality } from './photoTypes';

export { type LocalPhoto, PhotoError } from './photoTypes';

/**
 * Calls a callback-style WeChat API as a promise. Taro passes some media APIs through unwrapped, and
 * WeChat returns a promise from them only on newer base libraries; the callbacks work everywhere.
 */
function viaCallbacks<R>(
  api: (options: { success: (result: R) => void; fail: (error: unknown) => void }) => unknown,
): Promise<R> {
  return new Promise((resolve, reject) => {
    api({ success: resolve, fail: reject });
  });
}

const errMsg = (error: unknown) => String((error as { errMsg?: string } | undefined)?.errMsg ?? error);

/** Scales a photo down to 1280 px on its longest side and recompresses it as JPEG. */
async function compress(src: string): Promise<string> {
  const size: { compressedWidth?: number; compressedHeight?: number } = {};
  try {
    const info = await viaCallbacks<Taro.getImageInfo.SuccessCallbackResult>((callbacks) =>
      Taro.getImageInfo({ src, ...callbacks }),
    );
    const fit = fitWithin(info.width, info.height);
    if (Math.max(info.width, info.height) > photoMaxSide) {
      if (info.width >= info.height) size.compressedWidth = fit.width;
      else size.compressedHeight = fit.height;
    }
  } catch {
    // Unknown size: compress without scaling.
  }
  try {
    const { tempFilePath } = await viaCallbacks<Taro.compressImage.SuccessCallbackResult>((callbacks) =>
      Taro.compressImage({ src, quality: photoQuality * 100, ...size, ...callbacks }),
    );
    return tempFilePath;
  } catch {
    // chooseMedia's own "compressed" copy is still fine to send.
    return src;
  }
}

/** Moves a temporary file to the mini-program's own storage, where it outlives the app being killed. */
function keep(tempFilePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().saveFile({
      tempFilePath,
      success: ({ savedFilePath }) => resolve(savedFilePath),
      fail: (error) => reject(new PhotoError('unavailable', { cause: error })),
    });
  });
}

/** Takes or picks up to `max` photos, compressed and kept on the phone; [] when the user backs out. */
export async function choosePhotos(max: number): Promise<LocalPhoto[]> {
  if (max <= 0) return [];
  let picked: Taro.chooseMedia.SuccessCallbackResult;
  try {
    picked = await viaCallbacks<Taro.chooseMedia.SuccessCallbackResult>((callbacks) =>
      Taro.chooseMedia({
        count: max,
        mediaType: ['image'],
        sourceType: ['camera', 'album'],
        sizeType: ['compressed'],
        ...callbacks,
      }),
    );
  } catch (error) {
    if (/cancel/i.test(errMsg(error))) return [];
    throw new PhotoError('unavailable', { cause: error });
  }
  const photos: LocalPhoto[] = [];
  for (const file of picked.tempFiles.slice(0, max)) {
    const ref = await keep(await compress(file.tempFilePath));
    photos.push({ ref, previewUrl: ref });
  }
  return photos;
}

/** The kept photo's bytes; PhotoError('missing') when the file is gone (cleared by WeChat or the user). */
export function readPhoto(ref: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: ref,
      success: ({ data }) =>
        data instanceof ArrayBuffer ? resolve(data) : reject(new PhotoError('missing')),
      fail: (error) => reject(new PhotoError('missing', { cause: error })),
    });
  });
}

/** Deletes a kept photo (after it landed, or when the form drops it); a missing file is fine. */
export function removePhoto(ref: string): Promise<void> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().removeSavedFile({
      filePath: ref,
      success: () => resolve(),
      fail: () => resolve(),
    });
  });
}

/**
 * PUTs bytes to a presigned URL with exactly the signed headers; the HTTP status, or throws when no
 * answer came (no network).
 */
export async function putBytes(
  url: string,
  bytes: ArrayBuffer,
  headers: Record<string, string>,
): Promise<number> {
  const answer = await Taro.request({
    url,
    method: 'PUT',
    data: bytes,
    header: headers,
    dataType: 'text',
    responseType: 'text',
    timeout: 60_000,
  });
  return answer.statusCode;
}
