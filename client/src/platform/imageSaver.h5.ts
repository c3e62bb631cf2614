// Picked by Taro's multi-platform resolution for the H5 build; see imageSaver.ts.
import { type ImageToSave, imageExtension } from './imageSaverTypes';

export { ImageSaveError, type ImageToSave } from './imageSaverTypes';

/** The button that saves an image, as the platform does it. */
export const saveImageLabel = '下载图片';

/** Downloads the image as a file (staff at a desk print it or send it on). */
export async function saveImage(image: ImageToSave): Promise<void> {
  const link = document.createElement('a');
  link.href = `data:${image.mimeType};base64,${image.base64}`;
  link.download = `${image.name}.${imageExtension(image.mimeType)}`;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
