import Taro from '@tarojs/taro';
import { tabRoutes } from './routes';

/** Opens a page the right way for its kind (tab pages cannot be pushed onto the stack). */
export async function openPage(url: string): Promise<void> {
  if (tabRoutes.includes(url)) await Taro.switchTab({ url });
  else await Taro.navigateTo({ url });
}

/** Back if there is somewhere to go back to, else to the given tab (a shared link opens a page alone). */
export async function goBackOr(fallbackTab: string): Promise<void> {
  if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
  else await Taro.switchTab({ url: fallbackTab });
}

/**
 * Closes every open page and opens `url` alone: after signing in, the pages underneath were drawn
 * for the signed-out visitor. It is also the one safe way back to a tab in Taro's H5 router, whose
 * switchTab and navigateBack re-show the tab page hidden when the current page was pushed, while a
 * hide timer from that push (350 ms, for the slide-in) may still be pending and then blanks the tab.
 */
export async function restartAt(url: string): Promise<void> {
  await Taro.reLaunch({ url });
}
