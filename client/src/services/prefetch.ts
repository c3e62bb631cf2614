/**
 * The worker's next pages, fetched ahead so they open with no signal. WeChat ships every page of
 * the main package with the app, so there is nothing to fetch here; the browser build
 * (prefetch.h5.ts) loads their code once the first page is up.
 */
export function prefetchWorkerPages(): void {}
