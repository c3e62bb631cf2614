/**
 * Amap's JavaScript API (高德地图 JS API 2.0) for the browser build's map, loaded only when a key is
 * configured (`TARO_APP_AMAP_KEY`, and `TARO_APP_AMAP_SECURITY_CODE` for keys that need one) and
 * only when a map is first drawn. Without a key, offline, or when the script fails, there is no map
 * and the list stands alone.
 */

/** The few parts of Amap's API the map uses (GCJ-02 [lng, lat] positions, as our points are). */
export interface AmapMarker {
  on(event: 'click', handler: () => void): void;
  setMap(map: AmapMap | null): void;
}
export interface AmapMap {
  setCenter(position: [number, number]): void;
  add(markers: AmapMarker[]): void;
  remove(markers: AmapMarker[]): void;
  destroy(): void;
}
export interface Amap {
  Map: new (
    container: HTMLElement,
    options: { center: [number, number]; zoom: number; resizeEnable?: boolean },
  ) => AmapMap;
  Marker: new (options: { position: [number, number]; title?: string; content?: string }) => AmapMarker;
}

type AmapWindow = Window & { AMap?: Amap; _AMapSecurityConfig?: { securityJsCode: string } };

/** A script that has not answered by then is as good as failed: the list is there meanwhile. */
const LOAD_TIMEOUT_MS = 15_000;

let loading: Promise<Amap | null> | null = null;

/*
 * The build inlines these only when they are set; unset, `process` does not exist in the browser and
 * reading it would throw (and take the whole list page down), so each read is guarded.
 */
function configuredKey(): string | undefined {
  try {
    return process.env.TARO_APP_AMAP_KEY;
  } catch {
    return undefined;
  }
}
function configuredSecurityCode(): string | undefined {
  try {
    return process.env.TARO_APP_AMAP_SECURITY_CODE;
  } catch {
    return undefined;
  }
}

/**
 * Amap, once: a page that already has it (or a test's stand-in) uses it as it is; otherwise with a
 * key the script is added once and shared by every map; without one, null. A failed load is
 * forgotten so a later map (back online) tries again.
 */
export function loadAmap(
  key: string | undefined = configuredKey(),
  securityCode: string | undefined = configuredSecurityCode(),
  win: AmapWindow | undefined = typeof window === 'undefined' ? undefined : (window as AmapWindow),
): Promise<Amap | null> {
  if (!win) return Promise.resolve(null);
  if (win.AMap) return Promise.resolve(win.AMap);
  if (!key) return Promise.resolve(null);
  loading ??= new Promise<Amap | null>((resolve) => {
    if (securityCode) win._AMapSecurityConfig = { securityJsCode: securityCode };
    const script = win.document.createElement('script');
    const done = (amap: Amap | null) => {
      clearTimeout(timer);
      if (!amap) loading = null;
      resolve(amap);
    };
    const timer = setTimeout(() => done(null), LOAD_TIMEOUT_MS);
    script.src = `https://webapi.amap.com/maps?v=2.0&key=${encodeURIComponent(key)}`;
    script.async = true;
    script.onload = () => done(win.AMap ?? null);
    script.onerror = () => {
      script.remove();
      done(null);
    };
    win.document.head.appendChild(script);
  });
  return loading;
}

/**
 * Whether a map is coming (Amap on the page already, or a key to load it with): the list then
 * leaves the map's room at once, so rows never jump down when Amap arrives.
 */
export function amapExpected(
  key: string | undefined = configuredKey(),
  win: AmapWindow | undefined = typeof window === 'undefined' ? undefined : (window as AmapWindow),
): boolean {
  return Boolean(win && (win.AMap || key));
}

/** For tests: forget a load in progress or done. */
export function resetAmapForTests(): void {
  loading = null;
}
