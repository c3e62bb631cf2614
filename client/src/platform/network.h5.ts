// Picked by Taro's multi-platform resolution for the H5 build; see network.ts.

/** Calls `listener(online)` on the browser's online / offline events; returns an unsubscribe. */
export function onNetworkChange(listener: (online: boolean) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const online = () => listener(true);
  const offline = () => listener(false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}

/** Calls `listener` each time the tab becomes visible again (the web's "app show"). */
export function onAppShow(listener: () => void): () => void {
  if (typeof document === 'undefined') return () => {};
  const changed = () => {
    if (document.visibilityState === 'visible') listener();
  };
  document.addEventListener('visibilitychange', changed);
  return () => document.removeEventListener('visibilitychange', changed);
}
