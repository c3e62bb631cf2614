import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { buttonA11y } from '../../components/buttonA11y';
import { FilterBar } from '../../components/FilterBar';
import { NearbyView } from '../../components/NearbyView';
import { PlacePicker } from '../../components/PlacePicker';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { SearchResults } from '../../components/SearchResults';
import { StateView } from '../../components/StateView';
import { StationSearchBar } from '../../components/StationSearchBar';
import { StationSkeleton } from '../../components/StationSkeleton';
import { useLocation } from '../../hooks/useLocation';
import { useNearbyStations } from '../../hooks/useNearbyStations';
import { usePrivacyRequest } from '../../hooks/usePrivacyRequest';
import { usePullRefresh } from '../../hooks/usePullRefresh';
import { useStationFilters } from '../../hooks/useStationFilters';
import { useStationSearch } from '../../hooks/useStationSearch';
import type { LocationFailure } from '../../platform';
import { openPage } from '../../services/navigation';
import { prefetchWorkerPages } from '../../services/prefetch';
import { stationRoute } from '../../services/routes';
import { type PickedPlace, rememberOpened } from '../../services/stationsCache';
import { suggestRoutes } from '../../services/suggestions';
import './index.scss';

const failureText: Record<LocationFailure, string> = {
  denied: '您未允许获取位置，可输入地名搜索或选择地区。',
  'privacy-refused': '您未同意隐私保护指引，无法获取位置，可输入地名搜索或选择地区。',
  unavailable: '暂时无法获取您的位置，可输入地名搜索或选择地区。',
};

/** What the list shows, as its heading and the title bar say it. */
function titleOf(searched: string, place: PickedPlace | null, located: boolean): string {
  if (place && searched) return `${place.name} · 搜索“${searched}”`;
  if (place) return `${place.name}的驿站`;
  if (searched) return `搜索“${searched}”`;
  return located ? '附近驿站' : '查找驿站';
}

/**
 * 驿站 tab: one search box (words and/or a place) always on top, the filters, then the stations
 * near the worker, or the search's answer. Without a location, the last place picked comes back.
 */
export default function StationsPage() {
  const privacy = usePrivacyRequest();
  const { location, relocate, askAgain } = useLocation();
  const point = location.kind === 'located' ? location.point : null;
  const { filters, toggleAmenity, setOpenNow, clear: clearFilters } = useStationFilters();
  const nearby = useNearbyStations(point, filters);
  const search = useStationSearch(filters, point);
  const [pickerOpen, setPickerOpen] = useState(false);
  const { load } = nearby;
  const { pickPlace, rememberedPlace, active: searching } = search;

  // No location: the place picked last time is where the worker most likely is.
  const restored = useRef(false);
  useEffect(() => {
    if (location.kind !== 'failed' || restored.current) return;
    restored.current = true;
    if (rememberedPlace && !searching) pickPlace(rememberedPlace);
  }, [location.kind, rememberedPlace, searching, pickPlace]);

  // The browser fetches the station, login and 我的 pages' code once the first page is up.
  const listed = nearby.stations !== null || search.list.items.length > 0 || location.kind === 'failed';
  useEffect(() => {
    if (listed) prefetchWorkerPages();
  }, [listed]);

  const title = titleOf(search.searched, search.place, point !== null || nearby.stations !== null);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);

  const refresh = useCallback(async () => {
    if (searching) {
      search.list.reload();
      return;
    }
    const fresh = await relocate();
    const at = fresh ?? point;
    if (at) await load(at);
  }, [searching, search.list, relocate, load, point]);
  usePullRefresh(refresh);
  const shown = searching ? search.list.items : nearby.stations;
  const shownAt = searching ? null : nearby.at;
  const open = useCallback(
    (id: string) => {
      // Kept for the detail page to fall back on when the network is gone by the time it loads.
      const row = shown?.find((station) => station.id === id);
      if (row) rememberOpened(row, shownAt ?? new Date().toISOString());
      void openPage(stationRoute(id));
    },
    [shown, shownAt],
  );
  const openPicker = useCallback(() => {
    setPickerOpen(true);
    // The picker opens under the search box: from 按地区查找 at the list's end, bring it into view.
    try {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
    } catch {
      // A platform without the scrolling API: the picker is open all the same.
    }
  }, []);
  const picked = useCallback(
    (place: PickedPlace) => {
      pickPlace(place);
      setPickerOpen(false);
    },
    [pickPlace],
  );

  let content: JSX.Element;
  if (searching) {
    content = (
      <SearchResults
        list={search.list}
        subject={title}
        filters={filters}
        partial={search.partial}
        needsPlace={search.needsPlace}
        onClearFilters={clearFilters}
        onPickPlace={openPicker}
        onOpen={open}
      />
    );
  } else if (location.kind === 'failed' && !nearby.stations) {
    content = (
      <StateView
        tone="info"
        title="输入地名或驿站名称查找"
        description="例如“杨舍”“人民中路”“加油站”，或点“选择地区”按省、市、区县、乡镇查看。"
        actions={[{ text: '选择地区', onClick: openPicker }]}
      />
    );
  } else if (location.kind === 'locating' && !nearby.stations) {
    content = <StationSkeleton text="正在获取您的位置，用于查找离您最近的驿站…" />;
  } else {
    content = (
      <NearbyView
        nearby={nearby}
        point={point}
        filters={filters}
        onClearFilters={clearFilters}
        onRefresh={() => void refresh()}
        onBrowse={openPicker}
        onOpen={open}
        onSuggest={() => void openPage(suggestRoutes.new)}
      />
    );
  }

  return (
    <View className="page stations-page">
      <StationSearchBar
        query={search.query}
        onQuery={search.setQuery}
        onSearch={search.search}
        place={search.place}
        pickerOpen={pickerOpen}
        onTogglePicker={() => setPickerOpen((shown) => !shown)}
        onClearPlace={() => pickPlace(null)}
      />
      {pickerOpen ? <PlacePicker onPick={picked} onClose={() => setPickerOpen(false)} /> : null}
      {location.kind === 'failed' ? (
        <View className="stations-page__notice">
          <Text className="stations-page__notice-text">{failureText[location.reason]}</Text>
          <View className="stations-page__notice-action" {...buttonA11y(() => void askAgain())}>
            <Text>重新定位</Text>
          </View>
        </View>
      ) : null}
      <View className="stations-page__heading">
        <View className="stations-page__title" role="heading" aria-level={2}>
          <Text>{title}</Text>
        </View>
        {searching && point ? (
          <View className="stations-page__back" {...buttonA11y(search.clearSearch)}>
            <Text>返回附近</Text>
          </View>
        ) : null}
      </View>
      <FilterBar
        amenities={filters.amenities}
        openNow={filters.openNow}
        onToggleAmenity={toggleAmenity}
        onOpenNow={setOpenNow}
        onClear={clearFilters}
      />
      {content}
      <PrivacyPopup visible={privacy.visible} onAgree={privacy.agree} onRefuse={privacy.refuse} />
    </View>
  );
}
