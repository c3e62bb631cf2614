import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { PagedList as PagedListState } from '../hooks/usePagedList';
import type { ApiError } from '../services/errors';
import { ErrorBanner } from './ErrorBanner';
import { StateView } from './StateView';
import './PagedList.scss';

export interface PagedListProps {
  count: number;
  loading: boolean;
  loadingMore?: boolean;
  error: ApiError | null;
  /** 重试 after `error` (the list's own `retry`: the failed page again, not a fresh start). */
  onRetry: () => void;
  hasMore: boolean;
  onLoadMore: () => void;
  /** 正在加载驿站… */
  loadingTitle: string;
  /** 驿站加载失败 */
  errorTitle: string;
  /** Shown when the list is complete and empty. */
  empty: ReactNode;
  /** Shown under a complete list, e.g. 已显示全部 12 个驿站. */
  endText?: string;
  children: ReactNode;
}

/** The state half of the props, from a `usePagedList` list: `<PagedList {...pagingOf(list)} …>`. */
export const pagingOf = (
  list: Pick<
    PagedListState<unknown>,
    'loading' | 'loadingMore' | 'error' | 'hasMore' | 'retry' | 'loadMore'
  > & {
    items: readonly unknown[];
  },
) => ({
  count: list.items.length,
  loading: list.loading,
  loadingMore: list.loadingMore,
  error: list.error,
  onRetry: list.retry,
  hasMore: list.hasMore,
  onLoadMore: list.loadMore,
});

/**
 * A paged list's states: the first page loading or failed as a full state, an empty state, else
 * the rows with a banner for a failed later page and 加载更多 until the end.
 */
export function PagedList(props: PagedListProps) {
  if (props.count === 0 && props.loading) return <StateView tone="loading" title={props.loadingTitle} />;
  if (props.count === 0 && props.error) {
    return (
      <StateView
        tone="error"
        title={props.errorTitle}
        description={props.error.message}
        actions={[{ text: '重试', onClick: props.onRetry }]}
      />
    );
  }
  if (props.count === 0 && !props.hasMore) return <>{props.empty}</>;
  return (
    <View className="paged-list">
      {props.error ? <ErrorBanner error={props.error} onRetry={props.onRetry} /> : null}
      {/* The server stops each page after a bounded amount of work, so a page can hold no rows yet. */}
      {props.count === 0 ? <Text className="paged-list__end">暂未找到，可点“加载更多”继续查找</Text> : null}
      {props.children}
      {props.hasMore ? (
        <View className="paged-list__more">
          <Button
            block
            size="large"
            fill="outline"
            type="primary"
            loading={props.loadingMore}
            onClick={props.onLoadMore}
          >
            加载更多
          </Button>
        </View>
      ) : props.endText ? (
        <Text className="paged-list__end">{props.endText}</Text>
      ) : null}
    </View>
  );
}
