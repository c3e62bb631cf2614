/** After the first list shows: long enough for it to draw first on a slow phone. */
const PREFETCH_DELAY_MS = 3000;

/** The pages of the worker's flow: a station, signing in, 我的. */
const WORKER_PAGES = ['pages/station/index', 'pages/login/index', 'pages/me/index'];

/**
 * One route of the app config the H5 build hands its router (`window.__taroAppConfig.routes`):
 * `load` fetches the page's chunk group, script and CSS, exactly as opening the page would.
 */
interface RouteEntry {
  path: string;
  load?: (...args: unknown[]) => unknown;
}

let started = false;

function routeLoaders(): RouteEntry[] {
  const config = (window as unknown as { __taroAppConfig?: { routes?: unknown } }).__taroAppConfig;
  return Array.isArray(config?.routes) ? (config.routes as RouteEntry[]) : [];
}

/**
 * The browser loads each page's code when it is first opened; a worker who loses the signal after
 * the list loaded could then not open a station at all. Once the first page is up, the pages of
 * the worker's flow are loaded in the background through the router's own loaders: a plain
 * `import()` of the page module would fetch other chunks (the router loads a wrapper of the page,
 * with its CSS), and opening the page offline would still fail. Failures are ignored: the router
 * fetches again when the page is opened.
 */
export function prefetchWorkerPages(): void {
  if (started) return;
  started = true;
  setTimeout(() => {
    const loads = routeLoaders()
      .filter((route) => WORKER_PAGES.includes(route.path) && typeof route.load === 'function')
      .map(async (route) => {
        // Taro's loader answers [promise of the module, …its arguments].
        const answer = route.load?.();
        await (Array.isArray(answer) ? answer[0] : answer);
      });
    void Promise.allSettled(loads);
  }, PREFETCH_DELAY_MS);
}
