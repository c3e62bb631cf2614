// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { h5Template, SHELL_SLOW_MS } from '../../client/config/h5Template';

const page = h5Template();
const scripts = [...page.matchAll(/<script>(.*?)<\/script>/gs)].map(([, body]) => body!);
/** The second inline script: the loading shell's keeper. */
const shellScript = scripts[1]!;
/** The shell's own markup, as the page's body carries it. */
const shellMarkup = /<div id="app-shell"[\s\S]*?\n {2}<\/div>/.exec(page)![0];

/** A window for the script: jsdom's document and observer, a clock the test runs, a reload it records. */
function startShell() {
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const win = {
    MutationObserver: window.MutationObserver,
    setTimeout: (run: () => void, ms: number) => timers.push({ run, ms, cleared: false }),
    clearTimeout: (id: number) => {
      const timer = timers[id - 1];
      if (timer) timer.cleared = true;
    },
    location: { reload: vi.fn() },
  };
  new Function('window', 'document', shellScript)(win, document);
  return { timers, reload: win.location.reload };
}

const shellText = () => document.getElementById('app-shell-text')?.textContent;
const reloadButton = () => document.getElementById('app-shell-reload') as HTMLButtonElement | null;
/** Lets the MutationObserver's callback run (it is queued as a microtask). */
const observed = () => new Promise((resolve) => setTimeout(resolve, 0));

function pageArrives() {
  const taroPage = document.createElement('div');
  taroPage.className = 'taro_page';
  document.getElementById('app')!.appendChild(taroPage);
}

beforeEach(() => {
  document.body.innerHTML = `<div id="app"></div>${shellMarkup}`;
});

describe('the H5 loading shell', () => {
  it('says 正在打开… with 重新加载 hidden while the app’s code downloads', () => {
    startShell();

    expect(shellText()).toBe('正在打开…');
    expect(reloadButton()?.hidden).toBe(true);
    expect(reloadButton()?.textContent).toBe('重新加载');
    expect(reloadButton()?.type).toBe('button');
  });

  it('after a long wait says the network is slow and offers 重新加载, which reloads the page', () => {
    const { timers, reload } = startShell();
    expect(timers.map(({ ms }) => ms)).toStrictEqual([SHELL_SLOW_MS]);

    timers[0]!.run();

    expect(shellText()).toBe('网络较慢，仍在加载…');
    expect(reloadButton()?.hidden).toBe(false);
    expect(reload).not.toHaveBeenCalled();
    reloadButton()!.click();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('goes when a page arrives, and its slow notice never fires after that', async () => {
    const { timers } = startShell();

    pageArrives();
    await observed();

    expect(document.getElementById('app-shell')).toBeNull();
    expect(timers[0]!.cleared).toBe(true);
    // Even a timer that ran anyway finds nothing to change.
    expect(() => timers[0]!.run()).not.toThrow();
  });

  it('still goes when the page arrives after the slow notice', async () => {
    const { timers } = startShell();
    timers[0]!.run();

    pageArrives();
    await observed();

    expect(document.getElementById('app-shell')).toBeNull();
  });
});
