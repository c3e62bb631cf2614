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
