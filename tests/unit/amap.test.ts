import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Amap, amapExpected, loadAmap, resetAmapForTests } from '../../client/src/services/amap';
import { amapOrigins, h5SecurityHeaders } from '../../functions/stack/h5Headers';

/** A window as far as the loader touches it: AMap, the security config, and <head> for the script. */
function fakeWindow() {
  const appended: Array<{ src: string; async: boolean; onload?: () => void; onerror?: () => void }> = [];
  const win = {
    document: {
      createElement: () => ({ remove: vi.fn() }),
      head: { appendChild: (script: (typeof appended)[number]) => appended.push(script) },
    },
  } as unknown as Window & { AMap?: Amap; _AMapSecurityConfig?: { securityJsCode: string } };
  return { win, appended };
}

const standIn = { Map: vi.fn(), Marker: vi.fn() } as unknown as Amap;

afterEach(() => {
  resetAmapForTests();
  vi.useRealTimers();
});

describe('loadAmap (the H5 map)', () => {
  it('without a key loads nothing and answers null: the list stands alone', async () => {
    const { win, appended } = fakeWindow();

    expect(await loadAmap(undefined, undefined, win)).toBeNull();
    expect(await loadAmap('', undefined, win)).toBeNull();
    expect(appended).toStrictEqual([]);
  });

  it('expects a map (and the list leaves its room) only with a key or an Amap already on the page', () => {
    const { win } = fakeWindow();
    expect(amapExpected(undefined, win)).toBe(false);
    expect(amapExpected('', win)).toBe(false);
    expect(amapExpected('k', win)).toBe(true);
    expect(amapExpected('k', undefined)).toBe(false);
    win.AMap = standIn;
    expect(amapExpected(undefined, win)).toBe(true);
  });

  it('uses an Amap the page already has, key or not', async () => {
    const { win, appended } = fakeWindow();
    win.AMap = standIn;

    expect(await loadAmap(undefined, undefined, win)).toBe(standIn);
    expect(appended).toStrictEqual([]);
  });

  it('adds the script once with the key, sets the security code first, and answers Amap once loaded', async () => {
    const { win, appended } = fakeWindow();

    const first = loadAmap('k-123&x', 'sec-9', win);
    const second = loadAmap('k-123&x', 'sec-9', win);

    expect(appended).toHaveLength(1);
    expect(appended[0]!.src).toBe('https://webapi.amap.com/maps?v=2.0&key=k-123%26x');
    expect(win._AMapSecurityConfig).toStrictEqual({ securityJsCode: 'sec-9' });
    win.AMap = standIn;
    appended[0]!.onload!();
    expect(await first).toBe(standIn);
    expect(await second).toBe(standIn);
  });

  it('answers null when the script fails (offline), and tries again next time', async () => {
    const { win, appended } = fakeWindow();

    const failed = loadAmap('k', undefined, win);
    appended[0]!.onerror!();

    expect(await failed).toBeNull();
    const again = loadAmap('k', undefined, win);
    expect(appended).toHaveLength(2);
    win.AMap = standIn;
    appended[1]!.onload!();
    expect(await again).toBe(standIn);
  });

  it('gives up after 15 s without an answer', async () => {
    vi.useFakeTimers();
    const { win } = fakeWindow();

    const pending = loadAmap('k', undefined, win);
    vi.advanceTimersByTime(14_999);
    const early = await Promise.race([pending, Promise.resolve('still waiting')]);
    vi.advanceTimersByTime(1);

    expect(early).toBe('still waiting');
    expect(await pending).toBeNull();
  });
});

describe('h5SecurityHeaders with the map', () => {
  const policyOf = (amap: boolean) =>
    h5SecurityHeaders({ apiOrigin: 'https://api.example.cn', scriptHashes: [], amap })[
      'content-security-policy'
    ]!;

  it('admits Amap’s script, data, tiles and workers only when the build draws the map', () => {
    expect(amapOrigins).toBe('https://*.amap.com https://*.autonavi.com');
    const withMap = policyOf(true);
    expect(withMap).toContain("script-src 'self' https://*.amap.com https://*.autonavi.com;");
    expect(withMap).toContain("img-src 'self' data: blob: https://*.amap.com https://*.autonavi.com;");
    expect(withMap).toContain(
      "connect-src 'self' https://api.example.cn https://*.amap.com https://*.autonavi.com;",
    );
    expect(withMap).toContain("worker-src 'self' blob:");
    const without = policyOf(false);
    expect(without).not.toContain('amap');
    expect(without).not.toContain('worker-src');
  });
});
