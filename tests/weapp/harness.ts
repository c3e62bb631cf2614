import { afterEach, beforeEach } from 'vitest';
import { drainRequests, renderPage, routes, storage, wx } from './simulate';

/**
 * The per-test setup every page test file shares: pages opened for one test only, and a fresh
 * fake world around each test.
 */

export type Page = ReturnType<typeof renderPage>;
const opened: Page[] = [];

/** Renders `route` for the running test: `resetPagesEachTest` detaches it after the test. */
export function openPage(route: string, query: Record<string, string> = {}): Page {
  const page = renderPage(route, query);
  opened.push(page);
  return page;
}

/**
 * Fresh storage, routes and call records before each test (then `reset`'s own fakes); after it, the
 * answers still on their way reach this test's pages, not the next test's (see `drainRequests`), and
 * the pages opened with `openPage` are detached. Call once per file.
 */
export function resetPagesEachTest(reset?: () => void): void {
  beforeEach(() => {
    storage.clear();
    routes.clear();
    // The privacy handler is registered once per app launch (once per file): keep that record.
    for (const [name, fn] of Object.entries(wx)) if (name !== 'onNeedPrivacyAuthorization') fn.mockClear();
    reset?.();
  });
  afterEach(async () => {
    await drainRequests();
    for (const page of opened.splice(0)) page.detach();
  });
}
