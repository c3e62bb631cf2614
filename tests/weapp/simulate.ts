/**
 * Runs the built mini-program (client/dist/weapp) inside miniprogram-simulate: WeChat's own WXML
 * compiler renders Taro's templates into jsdom, and taps reach the React handlers through Taro's
 * real event path. Only the `wx` APIs the app touches are stood in for, and each records its calls.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { vi } from 'vitest';
import { weappDist } from './packages';

const require = createRequire(import.meta.url);

export interface FakeAnswer {
  statusCode: number;
  data: unknown;
}
type RequestOptions = {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?: (result: FakeAnswer & { header: Record<string, string>; errMsg: string }) => void;
  fail?: (error: { errMsg: string }) => void;
  complete?: () => void;
};

/** What the fake server answers, by `METHOD /path`; tests replace entries freely. */
export const routes = new Map<string, (options: RequestOptions) => FakeAnswer>();
export const storage = new Map<string, unknown>();

/** What wx.getLocation answers: a GCJ-02 fix, or a failure message (e.g. the user denied it). */
export const geo: { fix: { latitude: number; longitude: number; accuracy: number } | null; failure: string } =
  {
    fix: null,
    failure: 'getLocation:fail auth deny',
  };

/**
 * What the user ticks in WeChat's subscribe-message dialog, per template id (unlisted ones are
 * rejected), or the failure WeChat answers with instead (e.g. the main switch is off).
 */
export const subscribe: { answers: Record<string, string>; failure: string | null } = {
  answers: {},
  failure: null,
};

/**
 * The photos the user takes in WeChat's camera / album sheet (temp paths) and the files the app
 * keeps: saved files by path, with their bytes. Null: the user backs out of the sheet.
 */
export const media: { taken: string[] | null; files: Map<string, ArrayBuffer> } = {
  taken: null,
  files: new Map(),
};

/** What the user answers in a wx.showModal confirm dialog. */
export const modal = { confirm: true };

/** The network listeners the app registered (wx.onNetworkStatusChange), for a test to call. */
export const networkListeners: Array<(result: { isConnected: boolean; networkType: string }) => void> = [];

/** The place the user picks in WeChat's map picker (GCJ-02), or null when they back out. */
export const mapPick: {
  place: { latitude: number; longitude: number; name: string; address: string } | null;
} = { place: null };

function fail(
  options: { fail?: (error: { errMsg: string }) => void; complete?: () => void },
  errMsg: string,
) {
  setTimeout(() => {
    options.fail?.({ errMsg });
    options.complete?.();
  }, 0);
}

function answer<T>(options: { success?: (value: T) => void; complete?: () => void }, value: T): void {
  // WeChat answers asynchronously; so do we, or React would see impossible synchronous updates.
  setTimeout(() => {
    options.success?.(value);
    options.complete?.();
  }, 0);
}

/** Requests the fake server has taken and not yet answered (see `drainRequests`). */
let unanswered = 0;

export const wx = {
  request: vi.fn((options: RequestOptions) => {
    const url = new URL(options.url);
    const handler = routes.get(`${options.method ?? 'GET'} ${url.pathname}`);
    unanswered++;
    if (!handler) {
      setTimeout(() => {
        unanswered--;
        options.fail?.({ errMsg: `request:fail no fake route for ${url.pathname}` });
      }, 0);
      return { abort() {} };
    }
    const answered = { ...handler(options), header: {}, errMsg: 'request:ok' };
    setTimeout(() => {
      unanswered--;
      options.success?.(answered);
      options.complete?.();
    }, 0);
    return { abort() {} };
  }),
  login: vi.fn((options: { success?: (r: { code: string; errMsg: string }) => void }) =>
    answer(options, { code: 'fake-wx-code', errMsg: 'login:ok' }),
  ),
  getStorageSync: vi.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: vi.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: vi.fn((key: string) => {
    storage.delete(key);
  }),
  navigateTo: vi.fn((options: { url: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'navigateTo:ok' }),
  ),
  switchTab: vi.fn((options: { url: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'switchTab:ok' }),
  ),
  reLaunch: vi.fn((options: { url: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'reLaunch:ok' }),
  ),
  navigateBack: vi.fn((options: { success?: (r: object) => void }) =>
    answer(options, { errMsg: 'navigateBack:ok' }),
  ),
  getLocation: vi.fn((options: { type?: string; success?: (r: object) => void; fail?: () => void }) => {
    if (geo.fix) answer(options, { ...geo.fix, errMsg: 'getLocation:ok' });
    else fail(options, geo.failure);
  }),
  /** The settings page: the user switches location on (as `geo.fix` says) and comes back. */
  openSetting: vi.fn((options: { success?: (r: object) => void }) =>
    answer(options, { authSetting: { 'scope.userLocation': geo.fix !== null }, errMsg: 'openSetting:ok' }),
  ),
  openLocation: vi.fn((options: { success?: (r: object) => void }) =>
    answer(options, { errMsg: 'openLocation:ok' }),
  ),
  setClipboardData: vi.fn((options: { data: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'setClipboardData:ok' }),
  ),
  requestSubscribeMessage: vi.fn(
    (options: {
      tmplIds: string[];
      success?: (r: object) => void;
      fail?: (e: { errMsg: string }) => void;
    }) => {
      if (subscribe.failure) {
        fail(options, subscribe.failure);
        return;
      }
      const answers = Object.fromEntries(
        options.tmplIds.map((id) => [id, subscribe.answers[id] ?? 'reject']),
      );
      answer(options, { ...answers, errMsg: 'requestSubscribeMessage:ok' });
    },
  ),
  chooseLocation: vi.fn(
    (options: { success?: (r: object) => void; fail?: (e: { errMsg: string }) => void }) => {
      if (mapPick.place) answer(options, { ...mapPick.place, errMsg: 'chooseLocation:ok' });
      else fail(options, 'chooseLocation:fail cancel');
    },
  ),
  chooseMedia: vi.fn(
    (options: { count?: number; success?: (r: object) => void; fail?: (e: { errMsg: string }) => void }) => {
      if (!media.taken) {
        fail(options, 'chooseMedia:fail cancel');
        return;
      }
      const tempFiles = media.taken
        .slice(0, options.count ?? 9)
        .map((tempFilePath) => ({ tempFilePath, size: 300_000, fileType: 'image' }));
      answer(options, { tempFiles, type: 'image', errMsg: 'chooseMedia:ok' });
    },
  ),
  getImageInfo: vi.fn((options: { src: string; success?: (r: object) => void }) =>
    answer(options, { width: 4000, height: 3000, path: options.src, errMsg: 'getImageInfo:ok' }),
  ),
  compressImage: vi.fn((options: { src: string; success?: (r: object) => void }) =>
    answer(options, { tempFilePath: `${options.src}.compressed.jpg`, errMsg: 'compressImage:ok' }),
  ),
  getFileSystemManager: vi.fn(() => ({
    saveFile: (options: { tempFilePath: string; success?: (r: object) => void }) => {
      const savedFilePath = `http://usr/saved-${media.files.size + 1}.jpg`;
      // A small JPEG: the start-of-image marker is what the app checks.
      media.files.set(savedFilePath, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]).buffer);
      answer(options, { savedFilePath, errMsg: 'saveFile:ok' });
    },
    readFile: (options: {
      filePath: string;
      success?: (r: object) => void;
      fail?: (e: { errMsg: string }) => void;
    }) => {
      const data = media.files.get(options.filePath);
      if (data) answer(options, { data, errMsg: 'readFile:ok' });
      else fail(options, `readFile:fail no such file ${options.filePath}`);
    },
    removeSavedFile: (options: { filePath: string; success?: (r: object) => void }) => {
      media.files.delete(options.filePath);
      answer(options, { errMsg: 'removeSavedFile:ok' });
    },
  })),
  onNetworkStatusChange: vi.fn((listener: (typeof networkListeners)[number]) => {
    networkListeners.push(listener);
  }),
  offNetworkStatusChange: vi.fn(),
  onAppShow: vi.fn(),
  offAppShow: vi.fn(),
  /** WeChat's confirm dialog: the user taps the confirm button (as `modal.confirm` says). */
  showModal: vi.fn((options: { success?: (r: object) => void }) =>
    answer(options, { confirm: modal.confirm, cancel: !modal.confirm, errMsg: 'showModal:ok' }),
  ),
  redirectTo: vi.fn((options: { url: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'redirectTo:ok' }),
  ),
  makePhoneCall: vi.fn((options: { phoneNumber: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'makePhoneCall:ok' }),
  ),
  showToast: vi.fn((options: { success?: (r: object) => void }) =>
    answer(options, { errMsg: 'showToast:ok' }),
  ),
  setNavigationBarTitle: vi.fn((options: { title: string; success?: (r: object) => void }) =>
    answer(options, { errMsg: 'setNavigationBarTitle:ok' }),
  ),
  stopPullDownRefresh: vi.fn((options: { success?: (r: object) => void } = {}) =>
    answer(options, { errMsg: 'stopPullDownRefresh:ok' }),
  ),
  onNeedPrivacyAuthorization: vi.fn(),
  openPrivacyContract: vi.fn(),
  getSystemInfoSync: vi.fn(() => ({
    platform: 'devtools',
    windowWidth: 375,
    windowHeight: 667,
    screenWidth: 375,
    pixelRatio: 2,
    SDKVersion: '3.4.0',
  })),
};

/**
 * Waits until every request the fake server took has been answered, and the app has run what the
 * answers started (a macrotask later). The harness runs it after each test: the app keeps some
 * state at module level for the whole file (one shared GET /me in flight), and an answer still on
 * its way would otherwise reach the next test.
 */
export async function drainRequests(): Promise<void> {
  await waitFor(() => unanswered === 0);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A request held back by `holdAnswers`: what the app sent, and the way to let it answer. */
export interface HeldRequest {
  options: RequestOptions;
  /** Answers it now, by the fake route as it is at this moment. */
  release(): void;
}

/**
 * Holds the fake server's answers to `METHOD pathname` (a slow network): each such request waits,
 * unanswered, until the test releases it, and is then answered by the route as it is then. `limit`
 * holds only the first so many (later ones answer at once). `answered()` counts the released ones
 * whose answer the app has received; `restore` puts the plain fake back.
 */
export function holdAnswers(method: string, pathname: string, { limit = Number.POSITIVE_INFINITY } = {}) {
  const plain = wx.request.getMockImplementation()!;
  const held: HeldRequest[] = [];
  let answered = 0;
  const counted =
    <T>(callback: ((value: T) => void) | undefined) =>
    (value: T) => {
      answered++;
      callback?.(value);
    };
  wx.request.mockImplementation((options) => {
    const asked = new URL(options.url).pathname;
    if ((options.method ?? 'GET') !== method || asked !== pathname || held.length >= limit) {
      return plain(options);
    }
    held.push({
      options,
      release: () => plain({ ...options, success: counted(options.success), fail: counted(options.fail) }),
    });
    return { abort() {} };
  });
  return {
    held,
    answered: () => answered,
    restore: () => wx.request.mockImplementation(plain),
  };
}

type PageConfig = Record<string, unknown> & { data?: Record<string, unknown> };
interface SimulatedPage {
  dom: HTMLElement;
  /** The page instance: its methods are the Page config's (onPullDownRefresh …). */
  instance: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
}
interface Simulate {
  load(componentPath: string, options: { compiler: 'official'; rootPath: string }): string;
  render(id: string): SimulatedPage;
  sleep(ms: number): Promise<void>;
}

let simulate: Simulate | undefined;
/** The query the next rendered page is opened with (its onLoad options). */
let nextQuery: Record<string, string> = {};
let app: Record<string, (options?: unknown) => void> | undefined;
const loaded = new Map<string, string>();

/** Loads app.js once per test file, with the stand-ins in place before Taro reads `wx`. */
export function bootApp(): { simulate: Simulate; app: NonNullable<typeof app> } {
  if (simulate && app) return { simulate, app };
  const scope = globalThis as Record<string, unknown>;
  scope.wx = wx;
  scope.getCurrentPages = () => [];
  scope.App = (config: NonNullable<typeof app>) => {
    app = config;
  };
  scope.getApp = () => app;
  simulate = require('miniprogram-simulate') as Simulate;
  // miniprogram-simulate mounts components; a Taro page becomes one whose lifetimes drive the page hooks.
  scope.Page = (config: PageConfig) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    (scope.Component as (definition: object) => void)({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: { onLoad(o: object): void; onShow(): void }) {
          this.onLoad(nextQuery);
          this.onShow();
        },
        ready(this: { onReady(): void }) {
          this.onReady();
        },
        detached(this: { onHide(): void; onUnload(): void }) {
          this.onHide();
          this.onUnload();
        },
      },
    });
  };
  require(path.join(weappDist, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  app.onLaunch?.({ path: 'pages/stations/index', query: {}, scene: 1001 });
  app.onShow?.({ path: 'pages/stations/index', query: {}, scene: 1001 });
  return { simulate, app };
}

/** Renders a page of the built app, e.g. `pages/me/index`, attached to the jsdom document. */
export function renderPage(route: string, query: Record<string, string> = {}): SimulatedPage {
  nextQuery = query;
  const { simulate } = bootApp();
  // A page's JS registers its component once (webpack caches the module), so load once, render many.
  let id = loaded.get(route);
  if (!id) {
    id = simulate.load(path.join(weappDist, route), { compiler: 'official', rootPath: weappDist });
    loaded.set(route, id);
  }
  const page = simulate.render(id);
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  page.attach(parent);
  return page;
}

/** Waits until `check` passes (React renders, then Taro sets data, both asynchronously); generous, as CI machines run the test files side by side. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`waitFor timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until the page's markup has not changed for `quietMs`: a refetch that answers the same
 * list redraws it a moment later, and a node found before that redraw is gone by the time it is
 * tapped (the tap then reaches nothing). Find and tap after this, not before.
 */
export async function settled(page: { dom: Element }, quietMs = 150, timeoutMs = 10_000): Promise<void> {
  let changedAt = Date.now();
  const observer = new MutationObserver(() => {
    changedAt = Date.now();
  });
  observer.observe(page.dom, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    await waitFor(() => Date.now() - changedAt >= quietMs, timeoutMs);
  } finally {
    observer.disconnect();
  }
}

/** The element whose own text includes `text`, deepest first; null when absent. */
/** A ChoiceChips chip reading exactly `label` that is chosen (its tick is drawn in CSS, not in the text). */
export function chosenChip(root: Element, label: string): Element | null {
  const chosen = Array.from(root.querySelectorAll('.main--choice-chips__chip--on'));
  return chosen.find((el) => el.textContent === label) ?? null;
}

export function findByText(root: Element, text: string, selector = '*'): Element | null {
  const matches = Array.from(root.querySelectorAll(selector)).filter((el) => el.textContent?.includes(text));
  return matches.at(-1) ?? null;
}

/**
 * An attribute as the WXML template set it. WeChat's built-in components keep most attributes
 * (open-type, id) on their exparser node rather than in the DOM, so read the rendered virtual node.
 */
export function wxmlAttribute(element: Element, name: string): unknown {
  const node = (
    element as Element & { __wxElement?: { _vt?: { attrs?: Array<{ name: string; value: unknown }> } } }
  ).__wxElement;
  // The compiler hands attributes over camel-cased (open-type → openType).
  const camel = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return node?._vt?.attrs?.find((attr) => attr.name === camel)?.value;
}

type Exparser = {
  Event: {
    dispatchEvent(target: unknown, event: unknown): void;
    create(name: string, detail: object, options: object): unknown;
  };
};

/** A tap as WeChat delivers it: an exparser event on the element's node, bubbling to its `bindtap`. */
export function tap(element: Element, eventName = 'tap', detail: object = {}): void {
  const node = (element as Element & { __wxElement?: unknown }).__wxElement;
  if (!node) throw new Error(`<${element.tagName.toLowerCase()}> is not a rendered mini-program node`);
  const exparser = require('miniprogram-exparser') as Exparser;
  exparser.Event.dispatchEvent(
    node,
    exparser.Event.create(eventName, detail, { bubbles: true, composed: true }),
  );
}
