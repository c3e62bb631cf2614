import { useCallback, useEffect, useState } from 'react';

/**
 * The list item a dialog is open on (解决, 不予采纳), by id, looked up in the list each render: a
 * reload after a conflict brings its new version. When it leaves the list (a colleague decided it, a
 * fresh start, another tab) the dialog closes for good — the id is forgotten, so the same item
 * showing up again (on the tab it moved to, or by 加载更多) does not open it a second time.
 */
export function useListDialog<T extends { id: string }>(items: readonly T[]) {
  const [openId, setOpenId] = useState<string | null>(null);
  const item = openId === null ? null : (items.find((candidate) => candidate.id === openId) ?? null);
  const gone = openId !== null && item === null;
  useEffect(() => {
    if (gone) setOpenId(null);
  }, [gone]);
  const open = useCallback((chosen: T) => setOpenId(chosen.id), []);
  const close = useCallback(() => setOpenId(null), []);
  return { item, open, close };
}
