import { type AmenityCode, amenityLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { buttonA11y } from './buttonA11y';
import './FilterBar.scss';

/** The amenities outdoor workers ask for most, in the order they ask. */
export const filterAmenities: readonly AmenityCode[] = [
  'water',
  'toilet',
  'aircon',
  'charging',
  'microwave',
  'firstAid',
];

export interface FilterBarProps {
  amenities: readonly AmenityCode[];
  openNow: boolean;
  onToggleAmenity: (code: AmenityCode) => void;
  onOpenNow: (on: boolean) => void;
  onClear: () => void;
}

/**
 * 只看营业中 as a switch of its own (a state of the station, not something it has), then the
 * amenity chips (several at once: a station must have them all), and 清除筛选 while any is on.
 * On H5 the switch and chips carry their role and on/off state for screen readers.
 */
export function FilterBar({ amenities, openNow, onToggleAmenity, onOpenNow, onClear }: FilterBarProps) {
  const active = openNow || amenities.length > 0;
  return (
    <View className="filter-bar">
      <View className="filter-bar__top">
        <View
          className={`filter-bar__switch${openNow ? ' filter-bar__switch--on' : ''}`}
          role="switch"
          aria-checked={openNow}
          aria-label="只看营业中"
          onClick={() => onOpenNow(!openNow)}
        >
          <View className="filter-bar__track">
            <View className="filter-bar__knob" />
          </View>
          <Text className="filter-bar__switch-label">只看营业中</Text>
        </View>
        {active ? (
          <View className="filter-bar__clear" {...buttonA11y(onClear)}>
            <Text>清除筛选</Text>
          </View>
        ) : null}
      </View>
      <View className="filter-bar__chips">
        {filterAmenities.map((code) => {
          const on = amenities.includes(code);
          return (
            <View
              key={code}
              className={`filter-bar__chip filter-bar__chip--${code}${on ? ' filter-bar__chip--on' : ''}`}
              aria-pressed={on}
              {...buttonA11y(() => onToggleAmenity(code))}
            >
              <Text>{amenityLabels[code]}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
