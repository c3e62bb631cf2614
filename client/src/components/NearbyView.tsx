import { Text, View } from '@tarojs/components';
import type { useNearbyStations } from '../hooks/useNearbyStations';
import { radiusSteps } from '../hooks/useNearbyStations';
import type { StationFilters } from '../hooks/useStationFilters';
import type { GeoPoint } from '../platform';
import { buttonA11y } from './buttonA11y';
import { NearbyStatus } from './NearbyStatus';
import { StateView } from './StateView';
import { StationMap } from './StationMap';
import { StationRow } from './StationRow';
import { StationSkeleton } from './StationSkeleton';
import './NearbyView.scss';

export interface NearbyViewProps {
  nearby: ReturnType<typeof useNearbyStations>;
  point: GeoPoint | null;
  filters: StationFilters;
  onClearFilters: () => void;
  onRefresh: () => void;
  onBrowse: () => void;
  onOpen: (id: string) => void;
  /** 建议新增驿站, offered when nothing is near. */
  onSuggest?: () => void;
}

const km = (m: number) => `${m / 1000} 公里`;

/** The list around the worker: freshness, map (WeChat), rows, and the empty and failed states. */
export function NearbyView({
  nearby,
  point,
  filters,
  onClearFilters,
  onRefresh,
  onBrowse,
  onOpen,
  onSuggest,
}: NearbyViewProps) {
  const { stations, radiusM, error, loading } = nearby;
  const filtered = filters.openNow || filters.amenities.length > 0;
  const wider = radiusSteps.find((r) => r > radiusM);

  let body: JSX.Element;
  if (!stations) {
    body = error ? (
      <StateView
        tone="error"
        title="驿站加载失败"
        description={error.message}
        actions={[{ text: '重试', onClick: onRefresh }]}
      />
    ) : (
      <StationSkeleton text="正在查找附近驿站…" />
    );
  } else if (stations.length === 0) {
    const actions = [];
    if (wider) actions.push({ text: `扩大到 ${km(wider)}`, onClick: nearby.widen });
    if (filtered) actions.push({ text: '清除筛选', onClick: onClearFilters, primary: false });
    actions.push({ text: '按地区查找', onClick: onBrowse, primary: false });
    if (onSuggest) actions.push({ text: '建议新增驿站', onClick: onSuggest, primary: false });
    body = (
      <StateView
        tone="empty"
        title={`${km(radiusM)}内暂无${filters.openNow ? '营业中的' : ''}驿站`}
        description={
          filtered ? '当前筛选条件下没有找到，可扩大范围或清除筛选。' : '可扩大查找范围，或按地区查看。'
        }
        actions={actions}
      />
    );
  } else {
    body = (
      <View className="nearby-view__list">
        {stations.map((station) => (
          <StationRow
            key={station.id}
            station={station}
            distanceM={station.distanceM}
            wanted={filters.amenities}
            onOpen={onOpen}
          />
        ))}
        <View {...buttonA11y(onBrowse)} className="nearby-view__footer">
          <Text>{`已显示 ${km(radiusM)}内的 ${stations.length} 个驿站 · 按地区查找`}</Text>
        </View>
      </View>
    );
  }

  return (
    <View className="nearby-view">
      {point && stations && stations.length > 0 ? (
        <StationMap center={point} stations={stations} onPick={onOpen} />
      ) : null}
      {stations ? (
        <NearbyStatus
          at={nearby.at}
          loading={loading}
          stale={nearby.fromCache}
          offlineMessage={error ? error.message : null}
          onRefresh={onRefresh}
        />
      ) : null}
      {body}
    </View>
  );
}
