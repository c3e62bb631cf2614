import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import type { PickedPlace } from '../services/stationsCache';
import { buttonA11y } from './buttonA11y';
import './StationSearchBar.scss';

export interface StationSearchBarProps {
  /** What is typed in the box (typing does not search; 搜索 or the keyboard's search key does). */
  query: string;
  onQuery: (text: string) => void;
  onSearch: () => void;
  place: PickedPlace | null;
  pickerOpen: boolean;
  onTogglePicker: () => void;
  onClearPlace: () => void;
}

/** One search box, always there (with or without a location), and the place it searches within. */
export function StationSearchBar(props: StationSearchBarProps) {
  const { place } = props;
  return (
    <View className="station-search" role="search">
      <View className="station-search__row">
        <Input
          className="station-search__input"
          value={props.query}
          placeholder="地名、路名或驿站名称"
          confirmType="search"
          maxlength={30}
          aria-label="搜索驿站"
          onInput={(event) => props.onQuery(event.detail.value)}
          onConfirm={props.onSearch}
        />
        <Button
          className="station-search__button"
          type="primary"
          size="large"
          {...buttonA11y(props.onSearch)}
        >
          搜索
        </Button>
      </View>
      <View className="station-search__place">
        <View
          className={`station-search__place-pick${place ? ' station-search__place-pick--on' : ''}`}
          {...buttonA11y(props.onTogglePicker)}
          aria-expanded={props.pickerOpen}
        >
          <Text>{place ? `地区：${place.name}` : '选择地区'}</Text>
        </View>
        {place ? (
          <View className="station-search__place-clear" {...buttonA11y(props.onClearPlace)}>
            <Text>不限地区</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
