import { afterEach, beforeEach } from 'vitest';
import { me, type Person, session } from './fixtures';
import { shanghaiDay } from './outreachFixtures';
import { drainRequests, renderPage, routes, storage, tap, wx } from './simulate';

/**
 * Shared by the worker and volunteer outreach page tests: opening a page as someone, the requests
 * the pages sent, and ways to find and fill their form fields.
 */

export type Page = ReturnType<typeof renderPage>;
const mounted: Page[] = [];
export const text = (page: Page) => page.dom.textContent ?? '';

/** Opens `route` signed in as `person` (null: signed out). */
export function openAs(person: Person | null, route: string, query: Record<string, string> = {}): Page {
  if (person) {
    storage.set('ankang.session', JSON.stringify(session(person)));
    routes.set('GET /me', () => ({ statusCode: 200, data: me(person) }));
  }
  const page = renderPage(route, query);
  mounted.push(page);
  return page;
}

export const requestsTo = (method: string, pathname: string) =>
  wx.request.mock.calls
    .map(([options]) => options)
    .filter((options) => (options.method ?? 'GET') === method && new URL(options.url).pathname === pathname);

/** A body as the server reads it (JSON drops the keys left undefined). */
export const sent = (options: { data?: unknown } | undefined) =>
  JSON.parse(JSON.stringify(options?.data ?? null));

export const field = (page: Page, name: string) => page.dom.querySelector(`.main--staff-field--${name}`);
export const fieldError = (page: Page, name: string) =>
  field(page, name)?.querySelector('.main--staff-field__error')?.textContent ?? null;

/** Types into a field's box as WeChat reports typing (an `input` event with the whole value). */
export function type(page: Page, name: string, value: string) {
  const box = field(page, name)?.querySelector('wx-input, wx-textarea');
  if (!box) throw new Error(`no input in field ${name}`);
  tap(box, 'input', { value });
}

/** 7月3日, for the day `offset` days from today in China. */
export const monthDayOf = (offset: number) => {
  const [, month, day] = shanghaiDay(offset).split('-').map(Number);
  return `${month}月${day}日`;
};

/** Fresh storage, routes and call records per test (and `reset`'s fakes); pages detached after it. */
export function resetPagesEachTest(reset?: () => void): void {
  beforeEach(() => {
    storage.clear();
    routes.clear();
    for (const [name, fn] of Object.entries(wx)) if (name !== 'onNeedPrivacyAuthorization') fn.mockClear();
    reset?.();
  });
  afterEach(async () => {
    // Answers still on their way reach this test's pages, not the next test's (see drainRequests).
    await drainRequests();
    for (const page of mounted.splice(0)) page.detach();
  });
}
