import type { AmenityCode, StationSummary } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { formatDistance } from '../services/format';
import { amenitiesFirst, rowChipLimit } from '../services/stationView';
import { AmenityChips } from './AmenityChips';
import { buttonA11y } from './buttonA11y';
import { OpenBadge } from './OpenBadge';
import { navigationOf } from './StationActions';
import './StationRow.scss';

export interface StationRowProps {
  station: StationSummary;
  /** Absent when the list is not around the worker (a search without a location). */
  distanceM?: number;
  /** The amenities filtered by: shown first, so they never hide behind 等 N 项. */
  wanted?: readonly AmenityCode[];
  highlighted?: boolean;
  onOpen: (id: string) => void;
}

/** 导航: one tap to the map app, without opening the row. */
function NavigateButton({ station }: { station: StationSummary }) {
  const { link, open } = navigationOf(station);
  const label = `导航到${station.name}`;
  if (link) {
    return (
      <a
        className="station-row__navigate"
        href={link}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={label}
        onClick={(event) => event.stopPropagation()}
      >
        导航
      </a>
    );
  }
  return (
    <View
      className="station-row__navigate"
      aria-label={label}
      {...buttonA11y((event) => {
        // The row around it opens the station.
        event.stopPropagation?.();
        open();
      })}
    >
      <Text>导航</Text>
    </View>
  );
}

/** One station in a list: what a worker decides on at a glance; the row opens it, 导航 goes there. */
export function StationRow({
  station,
  distanceM,
  wanted = [],
  highlighted = false,
  onOpen,
}: StationRowProps) {
  const { rating } = station;
  const amenities = amenitiesFirst(station.amenities, wanted);
  const matched = wanted.filter((code) => station.amenities.includes(code));
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
      <AmenityChips codes={amenities} matched={matched} max={rowChipLimit(matched.length)} />
      <View className="station-row__foot">
        <View className="station-row__info">
          <Text className="station-row__address">{station.address}</Text>
          <Text className="station-row__rating">
            {rating.count > 0 ? `${rating.average.toFixed(1)} 分（${rating.count} 人评价）` : '暂无评价'}
          </Text>
        </View>
        <NavigateButton station={station} />
      </View>
      {station.bestYears.length > 0 ? (
        <Text className="station-row__best">最美驿站 {station.bestYears.join('、')}</Text>
      ) : null}
    </View>
  );
}
