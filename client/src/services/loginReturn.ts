import Taro from '@tarojs/taro';
import { decodedOrEmpty, type OpenPage, urlOfPage } from './pageUrl';
import { routes } from './routes';

/** Only our own pages (a path, never another site), and never the login page itself. */
function isAppPage(url: string): boolean {
  return /^\/[a-zA-Z]/.test(url) && !url.startsWith(routes.login);
}

/**
 * Where to go after signing in: the `back` the opener named (e.g. an invite page), else the page
 * under the login page (the station whose rating sent the worker here), else 我的.
 */
export function returnUrlAfterLogin(back: string | undefined): string {
  const named = back ? decodedOrEmpty(back) : '';
  if (named && isAppPage(named)) return named;
  const pages = Taro.getCurrentPages() as OpenPage[];
  const below = pages.length > 1 ? urlOfPage(pages[pages.length - 2]!) : null;
  return below && isAppPage(below) ? below : routes.me;
}
