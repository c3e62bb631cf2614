import type { StationSummary } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { formatDistance } from '../services/format';
import { AmenityChips } from './AmenityChips';
import { OpenBadge } from './OpenBadge';
import './StationRow.scss';

export interface StationRowProps {
  station: StationSummary;
  /** Absent when the list is not around the worker (district browsing). */
  distanceM?: number;
  highlighted?: boolean;
  onOpen: (id: string) => void;
}

/** One station in a list: what a worker decides on at a glance, the whole row tappable. */
export function StationRow({ station, distanceM, highlighted = false, onOpen }: StationRowProps) {
  const { rating } = station;
  return (
    <View
      className={`station-row${highlighted ? ' station-row--highlighted' : ''}`}
      id={`station-${station.id}`}
      onClick={() => onOpen(station.id)}
    >
      <View className="station-row__head">
        <Text className="station-row__name">{station.name}</Text>
        {distanceM !== undefined ? (
          <Text className="station-row__distance">{formatDistance(distanceM)}</Text>
        ) : null}
      </View>
      <OpenBadge open={station.open} status={station.status} label={station.hoursLabel} />
      <AmenityChips codes={station.amenities} max={6} />
      <View className="station-row__foot">
        <Text className="station-row__address">{station.address}</Text>
        <Text className="station-row__rating">
          {rating.count > 0 ? `★ ${rating.average.toFixed(1)}（${rating.count}）` : '暂无评价'}
        </Text>
      </View>
      {station.bestYears.length > 0 ? (
        <Text className="station-row__best">最美驿站 {station.bestYears.join('、')}</Text>
      ) : null}
    </View>
  );
}
