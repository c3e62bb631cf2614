import { Text, View } from '@tarojs/components';
import type { District } from '../services/stations';
import './DistrictPicker.scss';

export interface DistrictPickerProps {
  districts: District[];
  selected: string | null;
  onPick: (path: string) => void;
}

/** Unions by name (张家港市总工会 …), each with the region it serves; one is picked at a time. */
export function DistrictPicker({ districts, selected, onPick }: DistrictPickerProps) {
  return (
    <View className="district-picker">
      {districts.map((district) => (
        <View
          key={district.path}
          className={`district-picker__item${district.path === selected ? ' district-picker__item--on' : ''}`}
          onClick={() => onPick(district.path)}
        >
          <Text className="district-picker__name">{district.name}</Text>
          <Text className="district-picker__region">{district.region}</Text>
        </View>
      ))}
    </View>
  );
}
