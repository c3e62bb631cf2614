import type { StationSummary } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import type { ApiError } from '../services/errors';
import type { District } from '../services/stations';
import { DistrictPicker } from './DistrictPicker';
import { StateView } from './StateView';
import { StationRow } from './StationRow';
import './BrowsePanel.scss';

export interface BrowsePanelProps {
  districts: District[] | undefined;
  districtsLoading: boolean;
  districtsError: ApiError | null;
  onRetryDistricts: () => void;
  org: string | null;
  onPickOrg: (path: string) => void;
  /** What is typed in the box. */
  query: string;
  /** What the list shows the answer for (typing does not search). */
  searched: string;
  onQuery: (text: string) => void;
  onSearch: () => void;
  stations: StationSummary[];
  loading: boolean;
  error: ApiError | null;
  hasMore: boolean;
  onMore: () => void;
  onRetry: () => void;
  onOpen: (id: string) => void;
}

/** Finding stations without a location: pick a union's district, search by name, page through. */
export function BrowsePanel(props: BrowsePanelProps) {
  const { districts, org, stations, loading, error } = props;
  if (!districts) {
    if (props.districtsError) {
      return (
        <StateView
          tone="error"
          title="地区列表加载失败"
          description={props.districtsError.message}
          actions={[{ text: '重试', onClick: props.onRetryDistricts }]}
        />
      );
    }
    return <StateView tone="loading" title="正在加载地区…" />;
  }
  const district = districts.find((d) => d.path === org);
  return (
    <View className="browse-panel">
      <Text className="browse-panel__title">选择地区</Text>
      <DistrictPicker districts={districts} selected={org} onPick={props.onPickOrg} />
      {org ? (
        <View className="browse-panel__search">
          <Input
            className="browse-panel__input"
            value={props.query}
            placeholder="输入驿站名称或地址"
            confirmType="search"
            maxlength={30}
            onInput={(event) => props.onQuery(event.detail.value)}
            onConfirm={props.onSearch}
          />
          <Button
            className="browse-panel__search-button"
            type="primary"
            size="large"
            onClick={props.onSearch}
          >
            搜索
          </Button>
        </View>
      ) : (
        <Text className="browse-panel__hint">请选择您所在的地区，查看当地的驿站。</Text>
      )}
      {org && error && stations.length === 0 ? (
        <StateView
          tone="error"
          title="驿站加载失败"
          description={error.message}
          actions={[{ text: '重试', onClick: props.onRetry }]}
        />
      ) : null}
      {org && !error && !loading && !props.hasMore && stations.length === 0 ? (
        <StateView
          tone="empty"
          title={props.searched ? `没有找到“${props.searched}”` : `${district?.region ?? '该地区'}暂无驿站`}
          description="换个关键词或地区试试。"
        />
      ) : null}
      {stations.length > 0 ? (
        <View className="browse-panel__list">
          {stations.map((station) => (
            <StationRow key={station.id} station={station} onOpen={props.onOpen} />
          ))}
        </View>
      ) : null}
      {org && loading ? <Text className="browse-panel__loading">正在加载…</Text> : null}
      {stations.length > 0 && error ? (
        <Text className="browse-panel__more" onClick={props.onRetry}>
          {`${error.message}，点此重试`}
        </Text>
      ) : null}
      {org && !error && !loading && props.hasMore && stations.length === 0 ? (
        // The server stops each page after a bounded amount of work, so a page can hold no rows yet.
        <Text className="browse-panel__hint">暂未找到，可点“加载更多”继续查找</Text>
      ) : null}
      {props.hasMore && !loading && !error ? (
        <Text className="browse-panel__more" onClick={props.onMore}>
          加载更多
        </Text>
      ) : null}
    </View>
  );
}
