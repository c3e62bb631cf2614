import type { HeldComment } from '@ankang/shared';
import { useCallback } from 'react';
import { decideComment, fetchHeldComments } from '../services/stationComments';
import { usePagedList } from './usePagedList';
import { useQueueReview } from './useQueueReview';

async function fetchPage(cursor?: string) {
  const page = await fetchHeldComments(cursor);
  return { items: page.comments, nextCursor: page.nextCursor };
}

async function decide(comment: HeldComment, decision: 'approve' | 'hide'): Promise<string> {
  await decideComment(comment, decision);
  return decision === 'approve' ? '已公开' : '已隐藏';
}

/** 评论审核: the held comments of the staff member's area, paged, and 公开 / 隐藏 for each. */
export function useHeldComments(enabled: boolean) {
  const list = usePagedList(
    useCallback((cursor?: string) => fetchPage(cursor), []),
    { key: 'held', enabled },
  );
  return useQueueReview(list, decide);
}
