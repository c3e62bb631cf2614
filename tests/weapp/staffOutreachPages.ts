import { vi } from 'vitest';
import { me, session } from './fixtures';
import { openPage, type Page } from './harness';
import { type FakeAnswer, findByText, routes, storage, tap, waitFor, wx, wxmlAttribute } from './simulate';
import { scopeOrgs } from './staffOutreachFixtures';

/**
 * Shared by the staff outreach page tests: a signed-in 张家港 staff member, the fake API's records,
 * and ways to find and fill what the pages draw.
 */

// The editor names itself and a new campaign continues as an edit of itself (redirectTo): two wx
// APIs the shared stand-in does not have. Added before the app boots, when Taro reads `wx`.
export const moreWx = {
  redirectTo: vi.fn((options: { url: string; success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'redirectTo:ok' }), 0),
  ),
  setNavigationBarTitle: vi.fn((options: { success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'setNavigationBarTitle:ok' }), 0),
  ),
};
Object.assign(wx, moreWx);

export { type Page, resetPagesEachTest } from './harness';
export const text = (page: Page) => page.dom.textContent ?? '';

export function openAs(route: string, query: Record<string, string> = {}): Page {
  storage.set('ankang.session', JSON.stringify(session('staffZjg')));
  routes.set('GET /me', () => ({ statusCode: 200, data: me('staffZjg') }));
  routes.set('GET /orgs', () => ({ statusCode: 200, data: { orgs: scopeOrgs() } }));
  return openPage(route, query);
}

export const requests = (method: string, pathname: string) =>
  wx.request.mock.calls
    .map(([options]) => options)
    .filter((options) => (options.method ?? 'GET') === method && new URL(options.url).pathname === pathname);
/** A request body as it went over the wire (undefined fields dropped, as JSON drops them). */
export const wire = (data: unknown) => JSON.parse(JSON.stringify(data)) as unknown;
export const posts = () => wx.request.mock.calls.filter(([options]) => options.method !== 'GET');
export const toasts = () => wx.showToast.mock.calls.map(([options]) => (options as { title: string }).title);
export const ok = (data: unknown, statusCode = 200): FakeAnswer => ({ statusCode, data });
export const refusal = (statusCode: number, code: string, message: string): FakeAnswer => ({
  statusCode,
  data: { error: { code, message } },
});

export const queryOf = (url: string) => {
  const query: Record<string, string> = {};
  new URL(url).searchParams.forEach((value, key) => {
    query[key] = value;
  });
  return query;
};
/** The card (campaign, sign-up or task) whose text names `name`. */
export const inCard = (page: Page, name: string) =>
  findByText(page.dom, name, '.main--staff-campaign, .main--staff-signup, .main--staff-assignment');
export const button = (root: Element | null, label: string) => {
  const found = root ? findByText(root, label, 'wx-button') : null;
  if (!found) throw new Error(`no button “${label}”`);
  return found;
};
export const field = (page: Page, name: string) =>
  page.dom.querySelector(`.main--staff-field--${name} wx-input, .main--staff-field--${name} wx-textarea`);
/**
 * Types as WeChat reports it (an input event) until the page has re-rendered with the value; the
 * box is found afresh each time, as a dialog may draw it again while it opens.
 */
export const typeInto = (find: () => Element | null, value: string) =>
  waitFor(() => {
    const element = find();
    if (!element) return false;
    if (wxmlAttribute(element, 'value') === value) return true;
    tap(element, 'input', { value });
    return false;
  });
export const dialogBox = (page: Page) => () =>
  page.dom.querySelector('.main--staff-campaign-dialog__body wx-textarea');
export const fieldError = (page: Page, name: string) =>
  page.dom.querySelector(`.main--staff-field--${name} .main--staff-field__error`)?.textContent ?? null;
