// Taro resolves `./imageSaver` to `imageSaver.h5.ts` in the H5 build and to this file in the weapp
// build (as with current.ts): a mini-program saves to the phone's album, a browser downloads.
import Taro from '@tarojs/taro';
import { ImageSaveError, type ImageToSave, imageExtension } from './imageSaverTypes';

export { ImageSaveError, type ImageToSave } from './imageSaverTypes';

/** The button that saves an image, as the platform does it. */
export const saveImageLabel = '保存到相册';

function failure(error: unknown): ImageSaveError {
  const message = String((error as { errMsg?: string } | undefined)?.errMsg ?? error);
  if (/cancel/i.test(message)) return new ImageSaveError('cancelled', { cause: error });
  if (/auth|deny|denied|privacy/i.test(message)) return new ImageSaveError('denied', { cause: error });
  return new ImageSaveError('unavailable', { cause: error });
}

/**
 * Saves the image to the phone's album. The album takes only a file, so the image is written to the
 * mini-program's own user folder first (overwritten each time: one file per name, never a pile).
 */
export async function saveImage(image: ImageToSave): Promise<void> {
  // `http://usr` on phones; some base libraries and the simulator end it with a slash.
  const folder = (Taro.env.USER_DATA_PATH ?? '').replace(/\/+$/, '');
  const filePath = `${folder}/${image.name}.${imageExtension(image.mimeType)}`;
  try {
    await new Promise<void>((resolve, reject) => {
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: image.base64,
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      });
    });
  } catch (error) {
    throw new ImageSaveError('unavailable', { cause: error });
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
  } catch (error) {
    throw failure(error);
  }
}
