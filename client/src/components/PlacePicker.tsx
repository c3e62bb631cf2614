import { type Place, placeLevelLabels } from '@ankang/shared';
import { Input, Text, View } from '@tarojs/components';
import { usePlacePicker } from '../hooks/usePlacePicker';
import type { RequestState } from '../hooks/useRequest';
import type { PickedPlace } from '../services/stationsCache';
import { buttonA11y } from './buttonA11y';
import './PlacePicker.scss';

export interface PlacePickerProps {
  onPick: (place: PickedPlace) => void;
  onClose: () => void;
}

const pickedOf = ({ code, name, fullName }: Place): PickedPlace => ({ code, name, fullName });

/** A level's rows, or its loading / failed / empty line. */
function PlaceRows({
  request,
  empty,
  full,
  onTap,
}: {
  request: RequestState<Place[]>;
  empty: string;
  /** Search answers name the whole place (江苏省 苏州市 张家港市 杨舍镇); a level lists bare names. */
  full: boolean;
  onTap: (place: Place) => void;
}) {
  const { data, loading, error, retry } = request;
  if (error && !data) {
    return (
      <View className="place-picker__line place-picker__line--error" {...buttonA11y(retry)}>
        <Text>{`${error.message}，点此重试`}</Text>
      </View>
    );
  }
  if (!data) return <Text className="place-picker__line">{loading ? '正在加载…' : ''}</Text>;
  if (data.length === 0) return <Text className="place-picker__line">{empty}</Text>;
  return (
    <View className="place-picker__rows">
      {data.map((place) => (
        <View
          key={place.code}
          className={`place-picker__row place-picker__row--${place.level}`}
          {...buttonA11y(() => onTap(place))}
        >
          <View className="place-picker__names">
            <Text className="place-picker__name">{place.name}</Text>
            {full ? <Text className="place-picker__full">{place.fullName}</Text> : null}
          </View>
          <Text className="place-picker__count">{full ? placeLevelLabels[place.level] : ''}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 选择地区: the national divisions a level at a time (省 → 市 → 区县 → 乡镇/街道, the trail above
 * to go back up), or typed ("杨舍" finds 杨舍镇). A town is picked on tap; a larger place opens
 * its level, where 整个… picks the place itself.
 */
export function PlacePicker({ onPick, onClose }: PlacePickerProps) {
  const picker = usePlacePicker(true);
  const current = picker.trail[picker.trail.length - 1];
  const tapLevel = (place: Place) => (place.level === 'town' ? onPick(pickedOf(place)) : picker.open(place));

  return (
    <View className="place-picker">
      <View className="place-picker__head">
        <Text className="place-picker__title">选择地区</Text>
        <View className="place-picker__close" {...buttonA11y(onClose)}>
          <Text>收起</Text>
        </View>
      </View>
      <Input
        className="place-picker__input"
        value={picker.text}
        placeholder="输入地名查找，如 杨舍"
        maxlength={20}
        aria-label="输入地名查找"
        onInput={(event) => picker.setText(event.detail.value)}
      />
      {picker.searching ? (
        <PlaceRows
          request={picker.matches}
          empty="没有找到这个地名，换个写法试试"
          full
          onTap={(p) => onPick(pickedOf(p))}
        />
      ) : (
        <>
          <View className="place-picker__trail">
            <View className="place-picker__crumb" {...buttonA11y(() => picker.backTo(-1))}>
              <Text>全国</Text>
            </View>
            {picker.trail.map((place, index) => (
              <View
                key={place.code}
                className="place-picker__crumb"
                {...buttonA11y(() => picker.backTo(index))}
              >
                <Text>{place.name}</Text>
              </View>
            ))}
          </View>
          {current ? (
            <View className="place-picker__whole" {...buttonA11y(() => onPick(pickedOf(current)))}>
              <Text>{`查看整个${current.name}的驿站`}</Text>
            </View>
          ) : null}
          <PlaceRows request={picker.level} empty="这里没有下级地区" full={false} onTap={tapLevel} />
        </>
      )}
    </View>
  );
}
