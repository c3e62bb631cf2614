import { useEffect, useRef, useState } from 'react';
import { type Amap, type AmapMap, amapExpected, loadAmap } from '../services/amap';
import type { StationMapProps } from './StationMap';
import './StationMap.scss';

/**
 * Amap above the list in the browser, when a key is configured (services/amap.ts): the worker's
 * position and the stations as markers (GCJ-02, as Amap expects); tapping a marker opens its
 * station. While Amap loads its box already holds the map's height (a grey 正在加载地图…), so the
 * rows below never jump down when it arrives. Without a key nothing is drawn; offline or when it
 * fails the box goes: the list carries distances and each row its 导航 link.
 */
export function StationMap({ center, stations, onPick }: StationMapProps) {
  const box = useRef<HTMLElement>(null);
  const map = useRef<AmapMap | null>(null);
  const [expected] = useState(() => amapExpected());
  const [amap, setAmap] = useState<Amap | null>(null);
  const [failed, setFailed] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!expected) return;
    let live = true;
    void loadAmap().then((loaded) => {
      if (!live) return;
      setAmap(loaded);
      if (!loaded) setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [expected]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: made once per Amap; the centre follows below.
  useEffect(() => {
    if (!amap || !box.current) return;
    let created: AmapMap;
    try {
      created = new amap.Map(box.current, {
        center: [center.longitude, center.latitude],
        zoom: 14,
        resizeEnable: true,
      });
    } catch {
      // A key refused or a broken script: no map, the list stands alone.
      setFailed(true);
      return;
    }
    map.current = created;
    return () => {
      created.destroy();
      map.current = null;
    };
  }, [amap]);

  useEffect(() => {
    map.current?.setCenter([center.longitude, center.latitude]);
  }, [center.latitude, center.longitude]);

  useEffect(() => {
    const shown = map.current;
    if (!amap || !shown) return;
    const me = new amap.Marker({
      position: [center.longitude, center.latitude],
      title: '您的位置',
      content: '<div class="station-map__me"></div>',
    });
    const markers = stations.map((station) => {
      const marker = new amap.Marker({
        position: [station.location.lng, station.location.lat],
        title: station.name,
      });
      marker.on('click', () => pick.current(station.id));
      return marker;
    });
    shown.add([me, ...markers]);
    return () => shown.remove([me, ...markers]);
  }, [amap, stations, center.latitude, center.longitude]);

  if (!expected || failed) return null;
  return (
    <section
      ref={box}
      className={`station-map station-map--amap${amap ? '' : ' station-map--loading'}`}
      aria-busy={!amap}
      aria-label={amap ? `地图：附近 ${stations.length} 个驿站，点标记查看` : '正在加载地图'}
    />
  );
}
