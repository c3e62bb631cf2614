import type { HardshipAlertSummary } from '@ankang/shared';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { useRef } from 'react';
import type { PagedList as PagedListState } from '../hooks/usePagedList';
import { usePullRefresh } from '../hooks/usePullRefresh';
import { alertUrl } from '../services/alertRoutes';
import { openPage } from '../services/navigation';
import { todayInShanghai } from '../services/outreachDates';
import { AlertRow } from './AlertRow';
import { PagedList, pagingOf } from './PagedList';
import { StateView } from './StateView';

/**
 * A page's list of alerts (我的预警, 上级督办): rows that open the detail, pull to refresh, more at
 * the bottom, and a fresh first page when the page is shown again (an alert handled meanwhile).
 */
export function AlertList({
  list,
  emptyDescription,
}: {
  list: PagedListState<HardshipAlertSummary>;
  emptyDescription: string;
}) {
  useReachBottom(list.loadMore);
  usePullRefresh(async () => list.reload());
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
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
