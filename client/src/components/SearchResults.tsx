import type { SearchedStation } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import type { PagedList } from '../hooks/usePagedList';
import type { StationFilters } from '../hooks/useStationFilters';
import { StateView } from './StateView';
import { StationRow } from './StationRow';
import './SearchResults.scss';

export interface SearchResultsProps {
  list: PagedList<SearchedStation>;
  /** What the answer is for, as the heading says it (搜索“杨舍” / 杨舍镇的驿站). */
  subject: string;
  filters: StationFilters;
  onClearFilters: () => void;
  onPickPlace: () => void;
  onOpen: (id: string) => void;
}

/** A search's answer: rows (with distance when the worker's position is known), paging, and its states. */
export function SearchResults({
  list,
  subject,
  filters,
  onClearFilters,
  onPickPlace,
  onOpen,
}: SearchResultsProps) {
  const { items, loading, loadingMore, error, hasMore } = list;
  const filtered = filters.openNow || filters.amenities.length > 0;

  if (items.length === 0) {
    if (error) {
      return (
        <StateView
          tone="error"
          title="搜索失败"
          description={error.message}
          actions={[{ text: '重试', onClick: list.reload }]}
        />
      );
    }
    if (loading) return <StateView tone="loading" title="正在搜索…" />;
    if (hasMore) {
      // The server stops each page after a bounded amount of work, so a page can hold no rows yet.
      return (
        <View className="search-results__more" role="button" onClick={list.loadMore}>
          <Text>{loadingMore ? '正在查找…' : '暂未找到，点此继续查找'}</Text>
        </View>
      );
    }
    const actions = filtered ? [{ text: '清除筛选', onClick: onClearFilters }] : [];
    actions.push({ text: '选择其他地区', onClick: onPickPlace });
    return (
      <StateView
        tone="empty"
        title={`没有找到${filters.openNow ? '营业中的' : ''}驿站`}
        description={
          filtered
            ? `${subject}：当前筛选条件下没有结果，可清除筛选再看。`
            : `${subject}：换个地名、路名，或选择其他地区试试。`
        }
        actions={actions.map((action, index) => ({ ...action, primary: index === 0 }))}
      />
    );
  }

  return (
    <View className="search-results">
      {items.map((station) => (
        <StationRow
          key={station.id}
          station={station}
          distanceM={station.distanceM}
          wanted={filters.amenities}
          onOpen={onOpen}
        />
      ))}
      {error ? (
        <View className="search-results__more" role="button" onClick={hasMore ? list.loadMore : list.reload}>
          <Text>{`${error.message}，点此重试`}</Text>
        </View>
      ) : hasMore ? (
        <View className="search-results__more" role="button" onClick={list.loadMore}>
          <Text>{loadingMore ? '正在加载…' : '加载更多'}</Text>
        </View>
      ) : (
        <Text className="search-results__end">{`共 ${items.length} 个驿站`}</Text>
      )}
    </View>
  );
}
