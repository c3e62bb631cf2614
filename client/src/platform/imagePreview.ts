import Taro from '@tarojs/taro';

/**
 * Shows photos full screen, starting at `current`, swiping through the rest: WeChat's own viewer in
 * the mini-program, Taro's overlay in a browser (both behind Taro.previewImage).
 */
export async function previewImages(urls: string[], current: string): Promise<void> {
  if (urls.length === 0) return;
  try {
    await Taro.previewImage({ urls, current });
  } catch (error) {
    // Closing the viewer early or a link that expired is nothing the page can act on.
    console.warn('previewImage failed', error);
  }
}
