import type { NearbyStation } from '@ankang/shared';
import { Map as TaroMap } from '@tarojs/components';
import type { GeoPoint } from '../platform';
import './StationMap.scss';

export interface StationMapProps {
  center: GeoPoint;
  stations: NearbyStation[];
  onPick: (id: string) => void;
}

const markerIcon = '/assets/tabbar/stations-active.png';

/**
 * WeChat's map above the list: the worker's position and the stations as markers (GCJ-02, as
 * WeChat's map expects). Tapping a marker picks its station. The H5 build draws Amap when a key is
 * configured (StationMap.h5.tsx).
 */
export function StationMap({ center, stations, onPick }: StationMapProps) {
  const markers = stations.map((station, index) => ({
    id: index,
    latitude: station.location.lat,
    longitude: station.location.lng,
    title: station.name,
    iconPath: markerIcon,
    width: 32,
    height: 32,
  }));
  return (
    <TaroMap
      className="station-map"
      latitude={center.latitude}
      longitude={center.longitude}
      scale={14}
      showLocation
      markers={markers}
      onMarkerTap={(event) => {
        const station = stations[Number((event.detail as { markerId?: number }).markerId)];
        if (station) onPick(station.id);
      }}
      onError={() => undefined}
    />
  );
}
