import type { HardshipAlertSummary } from '@ankang/shared';
import { useDidHide, useDidShow, useReachBottom } from '@tarojs/taro';
import { type ReactNode, useRef } from 'react';
import type { PagedList as PagedListState } from '../hooks/usePagedList';
import { usePullRefresh } from '../hooks/usePullRefresh';
import { alertUrl } from '../services/alertRoutes';
import { openPage } from '../services/navigation';
import { todayInShanghai } from '../services/outreachDates';
import { AlertRow } from './AlertRow';
import { PagedList, pagingOf } from './PagedList';
import { StateView } from './StateView';

/**
 * A page's list of alerts (预警处理, 我的预警, 上级督办): rows that open the detail, pull to
 * refresh, more at the bottom, and a fresh first page when the page is shown again after it was
 * left (an alert handled meanwhile on its own page).
 */
export function AlertList({
  list,
  emptyDescription,
}: {
  list: PagedListState<HardshipAlertSummary>;
  emptyDescription: ReactNode;
}) {
  useReachBottom(list.loadMore);
  usePullRefresh(async () => list.reload());
  // Set when the page is left, not on the first show: the list may mount after that show (behind
  // the role gate), and would then miss the first return.
  const left = useRef(false);
  useDidHide(() => {
    left.current = true;
  });
  useDidShow(() => {
    if (left.current) list.reload();
    left.current = false;
  });
  const today = todayInShanghai();
  return (
    <PagedList
      {...pagingOf(list)}
      loadingTitle="正在加载预警…"
      errorTitle="预警加载失败"
      endText={`已显示全部 ${list.items.length} 条预警`}
      empty={<StateView tone="empty" title="暂无预警" description={emptyDescription} />}
    >
      {list.items.map((alert) => (
        <AlertRow
          key={alert.id}
          alert={alert}
          today={today}
          onOpen={() => void openPage(alertUrl(alert.id))}
        />
      ))}
    </PagedList>
  );
}
