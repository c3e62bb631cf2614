import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { BrowsePanel } from '../../components/BrowsePanel';
import { NearbyView } from '../../components/NearbyView';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { StateView } from '../../components/StateView';
import { useLocation } from '../../hooks/useLocation';
import { useNearbyStations } from '../../hooks/useNearbyStations';
import { usePrivacyRequest } from '../../hooks/usePrivacyRequest';
import { usePullRefresh } from '../../hooks/usePullRefresh';
import { useStationBrowse } from '../../hooks/useStationBrowse';
import type { LocationFailure } from '../../platform';
import { openPage } from '../../services/navigation';
import { stationRoute } from '../../services/routes';
import './index.scss';

const failureText: Record<LocationFailure, string> = {
  denied: '您未允许获取位置，可按地区查找驿站。',
  'privacy-refused': '您未同意隐私保护指引，无法获取位置，可按地区查找驿站。',
  unavailable: '暂时无法获取您的位置，可按地区查找驿站。',
};

/** 驿站 tab: stations near the worker, or by district when the location is refused or unavailable. */
export default function StationsPage() {
  const privacy = usePrivacyRequest();
  const { location, relocate, askAgain } = useLocation();
  const point = location.kind === 'located' ? location.point : null;
  const nearby = useNearbyStations(point);
  const [browsing, setBrowsing] = useState(false);
  const showBrowse = browsing || location.kind === 'failed';
  const browse = useStationBrowse(showBrowse);
  const { load } = nearby;

  const refresh = useCallback(async () => {
    const fresh = await relocate();
    const at = fresh ?? point;
    if (at) await load(at);
  }, [relocate, load, point]);
  usePullRefresh(refresh);
  const open = useCallback((id: string) => void openPage(stationRoute(id)), []);

  let content: JSX.Element;
  if (showBrowse) {
    content = (
      <View className="stations-page__browse">
        <View className="stations-page__notice">
          <Text className="stations-page__notice-text">
            {location.kind === 'failed' ? failureText[location.reason] : '按地区查看驿站。'}
          </Text>
          <Text
            className="stations-page__notice-action"
            onClick={() => {
              setBrowsing(false);
              if (location.kind === 'failed') void askAgain();
            }}
          >
            {location.kind === 'failed' ? '重新定位' : '返回附近'}
          </Text>
        </View>
        <BrowsePanel
          districts={browse.districts.data}
          districtsLoading={browse.districts.loading}
          districtsError={browse.districts.error}
          onRetryDistricts={browse.districts.retry}
          org={browse.org}
          onPickOrg={browse.pickOrg}
          query={browse.query}
          searched={browse.searched}
          onQuery={browse.setQuery}
          onSearch={browse.search}
          stations={browse.list.items}
          loading={browse.list.loading || browse.list.loadingMore}
          error={browse.list.error}
          hasMore={browse.list.hasMore}
          onMore={browse.list.loadMore}
          onRetry={browse.list.reload}
          onOpen={open}
        />
      </View>
    );
  } else if (location.kind === 'locating' && !nearby.stations) {
    content = <StateView tone="loading" title="正在获取您的位置…" description="用于查找离您最近的驿站" />;
  } else {
    content = (
      <NearbyView
        nearby={nearby}
        point={point}
        onRefresh={() => void refresh()}
        onBrowse={() => setBrowsing(true)}
        onOpen={open}
      />
    );
  }

  return (
    <View className="page stations-page">
      {content}
      <PrivacyPopup visible={privacy.visible} onAgree={privacy.agree} onRefuse={privacy.refuse} />
    </View>
  );
}
