import type { NearStation } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { buttonA11y } from './buttonA11y';
import './SuggestionNearbyNotice.scss';

export interface SuggestionNearbyNoticeProps {
  station: NearStation;
  busy: boolean;
  onOpen: () => void;
  onConfirm: () => void;
}

/** A station already stands where the worker pointed: is it the same place? */
export function SuggestionNearbyNotice({ station, busy, onOpen, onConfirm }: SuggestionNearbyNoticeProps) {
  return (
    <View className="suggestion-nearby" role="alert">
      <Text className="suggestion-nearby__title">
        {`附近 ${station.distanceM} 米已有驿站“${station.name}”`}
      </Text>
      <Text className="suggestion-nearby__text">是同一个地方吗？如果不是，可以继续提交。</Text>
      <View className="suggestion-nearby__actions">
        <Button className="suggestion-nearby__open" type="primary" fill="outline" {...buttonA11y(onOpen)}>
          查看该驿站
        </Button>
        <Button
          className="suggestion-nearby__confirm"
          type="primary"
          {...buttonA11y(onConfirm, busy)}
          loading={busy}
          disabled={busy}
        >
          不是，仍要提交
        </Button>
      </View>
    </View>
  );
}
