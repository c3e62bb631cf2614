// Picked by Taro's multi-platform resolution for the H5 build; see wideScreen.ts.
import { useSyncExternalStore } from 'react';

/**
 * From this window width (CSS px) staff pages put the list and the selected item side by side:
 * at the capped 22 px root, a ~430 px detail pane beside a list of at least ~500 px.
 */
const wideQuery = '(min-width: 960px)';

const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(wideQuery) : null;

function subscribe(listener: () => void): () => void {
  media?.addEventListener('change', listener);
  return () => media?.removeEventListener('change', listener);
}

const isWide = () => media?.matches ?? false;

/** Whether the window is wide enough to show a list and the selected item side by side. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, isWide, () => false);
}
