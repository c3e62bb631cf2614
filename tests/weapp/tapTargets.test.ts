import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { weappDist } from './packages';

/**
 * Small buttons on photos and review cards, read from the built stylesheets (jsdom lays nothing
 * out): each must be at least 88rpx (44 CSS px) both ways, the size a gloved or older finger hits.
 */

function wxssFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) wxssFiles(full, found);
    else if (full.endsWith('.wxss')) found.push(full);
  }
  return found;
}

const sheets = wxssFiles(weappDist).map((file) => readFileSync(file, 'utf8'));

/** Every declaration the built sheets give `selector` (in rules naming it exactly), last wins. */
function declarationsOf(selector: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const sheet of sheets) {
    for (const [, selectors, body] of sheet.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      if (!selectors!.split(',').some((one) => one.trim() === selector)) continue;
      for (const declaration of body!.split(';')) {
        const colon = declaration.indexOf(':');
        if (colon > 0) found[declaration.slice(0, colon).trim()] = declaration.slice(colon + 1).trim();
      }
    }
  }
  return found;
}

const rpx = (value: string | undefined) => (value?.endsWith('rpx') ? Number.parseFloat(value) : 0);

/** The least size the rules guarantee: the larger of the fixed size and the minimum, per axis. */
function leastSize(selector: string) {
  const css = declarationsOf(selector);
  return {
    width: Math.max(rpx(css.width), rpx(css['min-width'])),
    height: Math.max(rpx(css.height), rpx(css['min-height'])),
  };
}

describe('Tap targets in the built mini-program', () => {
  it.each([
    ['.photo-field__remove', 'a photo’s ×'],
    ['.photo-field__move', 'a gallery photo’s 前移 / 后移'],
    ['.held-comment__actions .nut-button', '评论审核’s 隐藏 / 公开'],
    ['.staff-report__actions .nut-button', '问题处理’s 受理 / 解决'],
  ])('%s (%s) is at least 88rpx wide and tall', (selector) => {
    const size = leastSize(selector);
    expect(size.width).toBeGreaterThanOrEqual(88);
    expect(size.height).toBeGreaterThanOrEqual(88);
  });
});
