import { describe, expect, it } from 'vitest';
import { h5Template, MAX_ROOT_SIZE, MIN_ROOT_SIZE } from '../../client/config/h5Template';

/** The page's first inline script: the root font-size snippet. */
const rootScript = /<script>(.*?)<\/script>/s.exec(h5Template())![1]!;

/**
 * Runs the snippet in a window of `width` × `height` CSS px whose browser default font size is
 * `defaultPx`; `appleBodyPx` is what `-apple-system-body` computes to (iOS only; undefined elsewhere).
 */
function rootSizeFor(options: {
  width: number;
  height: number;
  defaultPx: number;
  appleBodyPx?: number;
}): number {
  const html = {
    style: { fontSize: '' },
    // A desktop browser's classic scrollbar takes 15 px off the root element, not off the window.
    getBoundingClientRect: () => ({ width: options.width - 15, height: options.height }),
    appendChild: () => undefined,
    removeChild: () => undefined,
  };
  const probe = {
    style: {
      _font: '',
      position: '',
      visibility: '',
      set font(value: string) {
        // Only Safari knows the system font keyword; elsewhere the declaration is dropped.
        this._font = options.appleBodyPx ? value : '';
      },
      get font() {
        return this._font;
      },
    },
  };
  const win = {
    innerWidth: options.width,
    innerHeight: options.height,
    document: { documentElement: html, createElement: () => probe },
    getComputedStyle: (element: unknown) => ({
      fontSize:
        element === probe ? `${options.appleBodyPx}px` : html.style.fontSize || `${options.defaultPx}px`,
    }),
    addEventListener: () => undefined,
  };
  new Function('window', rootScript)(win);
  return Number.parseFloat(html.style.fontSize);
}

// Taro's rule, written out: 40 × the shorter side / 750, clamped.
const taroRoot = (width: number, height: number) =>
  Math.min(Math.max((40 * Math.min(width, height)) / 750, MIN_ROOT_SIZE), MAX_ROOT_SIZE);

describe('the H5 root font size (what every rem hangs on)', () => {
  it('is Taro’s phone-width rule at the usual 16 px default', () => {
    expect(rootSizeFor({ width: 390, height: 844, defaultPx: 16 })).toBeCloseTo(taroRoot(390, 844), 6);
    expect(rootSizeFor({ width: 1440, height: 900, defaultPx: 16 })).toBe(MAX_ROOT_SIZE);
    expect(rootSizeFor({ width: 320, height: 568, defaultPx: 16 })).toBe(MIN_ROOT_SIZE);
  });

  it('grows with the browser’s default text size (a reader who set 20 px gets 1.25×)', () => {
    expect(rootSizeFor({ width: 390, height: 844, defaultPx: 20 })).toBeCloseTo(taroRoot(390, 844) * 1.25, 6);
  });

  it('follows iOS’s system text size (body 17 px at the default)', () => {
    expect(rootSizeFor({ width: 390, height: 844, defaultPx: 16, appleBodyPx: 17 })).toBeCloseTo(
      taroRoot(390, 844),
      6,
    );
    expect(rootSizeFor({ width: 390, height: 844, defaultPx: 16, appleBodyPx: 23 })).toBeCloseTo(
      (taroRoot(390, 844) * 23) / 17,
      6,
    );
  });

  it('stays between 0.85× and 2× whatever the setting', () => {
    expect(rootSizeFor({ width: 390, height: 844, defaultPx: 48 })).toBeCloseTo(taroRoot(390, 844) * 2, 6);
    expect(rootSizeFor({ width: 390, height: 844, defaultPx: 9 })).toBeCloseTo(taroRoot(390, 844) * 0.85, 6);
  });
});
