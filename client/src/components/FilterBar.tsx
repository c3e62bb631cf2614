import { type AmenityCode, amenityLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
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
  onToggleOpenNow: () => void;
}

/** 营业中 and amenity chips; several amenities can be on at once (a station must have them all). */
export function FilterBar({ amenities, openNow, onToggleAmenity, onToggleOpenNow }: FilterBarProps) {
  return (
    <View className="filter-bar">
      <Text
        className={`filter-bar__chip filter-bar__chip--open-now${openNow ? ' filter-bar__chip--on' : ''}`}
        onClick={onToggleOpenNow}
      >
        {openNow ? '✓ 营业中' : '营业中'}
      </Text>
      {filterAmenities.map((code) => {
        const on = amenities.includes(code);
        return (
          <Text
            key={code}
            className={`filter-bar__chip filter-bar__chip--${code}${on ? ' filter-bar__chip--on' : ''}`}
            onClick={() => onToggleAmenity(code)}
          >
            {on ? `✓ ${amenityLabels[code]}` : amenityLabels[code]}
          </Text>
        );
      })}
    </View>
  );
}
