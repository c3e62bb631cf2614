import type { SearchedStation } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { PagedList as PagedListState } from '../hooks/usePagedList';
import type { StationFilters } from '../hooks/useStationFilters';
import { PagedList, pagingOf } from './PagedList';
import { StateView } from './StateView';
import { StationRow } from './StationRow';
import './SearchResults.scss';

export interface SearchResultsProps {
  list: PagedListState<SearchedStation>;
  /** What the answer is for, as the heading says it (搜索“杨舍” / 杨舍镇的驿站). */
  subject: string;
  filters: StationFilters;
  /** More stations matched than the server ranks: the list is the part near the worker or in the place. */
  partial: boolean;
  /** The words can be searched within a place only (no two Chinese characters side by side). */
  needsPlace: boolean;
  onClearFilters: () => void;
  onPickPlace: () => void;
  onOpen: (id: string) => void;
}

/**
 * A search's answer on the shared paged list: rows (with distance when the worker's position is
 * known), the next page when the worker scrolls to the end (or taps 加载更多), and its states.
 */
export function SearchResults({
  list,
  subject,
  filters,
  partial,
  needsPlace,
  onClearFilters,
  onPickPlace,
  onOpen,
}: SearchResultsProps) {
  // loadMore itself ignores a call while a page is loading or when there is no next page.
  useReachBottom(() => list.loadMore());
  const filtered = filters.openNow || filters.amenities.length > 0;
  const actions = filtered ? [{ text: '清除筛选', onClick: onClearFilters }] : [];
  actions.push({ text: '选择其他地区', onClick: onPickPlace });
  const empty = needsPlace ? (
    <StateView
      tone="info"
      title="请再多输入几个字"
      description={`${subject}：不选地区时，要有两个连写的汉字，如“杨舍”“人民中路”；只有数字、字母或一个字时，请先选择地区。`}
      actions={[{ text: '选择地区', onClick: onPickPlace, primary: true }]}
    />
  ) : (
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

  return (
    <PagedList
      {...pagingOf(list)}
      loadingTitle="正在搜索…"
      errorTitle="搜索失败"
      empty={empty}
      endText={`共 ${list.items.length} 个驿站`}
    >
      {partial ? (
        <View className="search-results__partial" role="status" onClick={onPickPlace}>
          <Text>
            {list.items.some((station) => station.distanceM !== undefined)
              ? '结果较多，已按距离显示离您较近的部分结果。可输入更具体的地名，或点此选择地区。'
              : '结果较多，只显示了其中一部分。可输入更具体的地名，或点此选择地区。'}
          </Text>
        </View>
      ) : null}
      {list.items.map((station) => (
        <StationRow
          key={station.id}
          station={station}
          distanceM={station.distanceM}
          wanted={filters.amenities}
          onOpen={onOpen}
        />
      ))}
    </PagedList>
  );
}
