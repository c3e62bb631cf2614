import { stationIdSchema } from '@ankang/shared';

/** Query keys the H5 router adds to a page's path for its own bookkeeping, not the page's. */
const routerKeys = new Set(['stamp', '$taroTimestamp']);

export interface OpenPage {
  route?: string;
  path?: string;
  options?: Record<string, unknown>;
  /** Taro's own copy of the page's query, set on load (the H5 router's pages have no `options`). */
  $taroParams?: Record<string, unknown>;
}

/**
 * `/pages/station/index?id=st_…` of an open page, from its route and query (WeChat's `options`,
 * Taro's `$taroParams`, or the query of the H5 router's `path`). Values are passed on as the page
 * received them (WeChat hands `options` over still percent-encoded, as pages decode them
 * themselves), so nothing is encoded twice.
 */
export function urlOfPage(page: OpenPage): string | null {
  const raw = page.route ?? page.path?.replace(/\?.*/, '');
  if (!raw) return null;
  const route = `/${raw.replace(/^\/+/, '')}`;
  const params = [page.options, page.$taroParams].find((p) => p && Object.keys(p).length > 0);
  const pairs = params
    ? Object.entries(params)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${String(value)}`)
    : page.path?.includes('?')
      ? page.path.slice(page.path.indexOf('?') + 1).split('&')
      : [];
  const query = pairs.filter((pair) => pair && !routerKeys.has(pair.split('=')[0]!)).join('&');
  return query ? `${route}?${query}` : route;
}

/** A page parameter decoded; a malformed one (a stray %) is '' rather than a crash. */
export function decodedOrEmpty(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/**
 * The station a station page is for: `?id=<id>`, or the `scene` of the station's poster code
 * (WeChat hands it over URL-encoded; only a well-formed station id is taken from it).
 */
export function stationIdOf(params: { id?: string; scene?: string }): string | undefined {
  if (params.id) return decodedOrEmpty(params.id) || undefined;
  const scene = params.scene ? decodedOrEmpty(params.scene).trim() : '';
  return stationIdSchema.safeParse(scene).success ? scene : undefined;
}
