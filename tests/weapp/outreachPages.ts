import { me, type Person, session } from './fixtures';
import { openPage, type Page } from './harness';
import { shanghaiDay } from './outreachFixtures';
import { routes, storage, tap, wx } from './simulate';

/**
 * Shared by the worker and volunteer outreach page tests: opening a page as someone, the requests
 * the pages sent, and ways to find and fill their form fields.
 */

export { type Page, resetPagesEachTest } from './harness';
export const text = (page: Page) => page.dom.textContent ?? '';

/** Opens `route` signed in as `person` (null: signed out). */
export function openAs(person: Person | null, route: string, query: Record<string, string> = {}): Page {
  if (person) {
    storage.set('ankang.session', JSON.stringify(session(person)));
    routes.set('GET /me', () => ({ statusCode: 200, data: me(person) }));
  }
  return openPage(route, query);
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
