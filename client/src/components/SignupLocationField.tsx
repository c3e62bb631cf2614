import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { StationFormField } from './StationFormField';
import './SignupLocationField.scss';

export interface SignupLocationFieldProps {
  location: { lat: number; lng: number; name: string } | null;
  error?: string;
  onPick: () => void;
  onClear: () => void;
}

/** 地图位置 (mini-program only): where volunteers navigate to; optional, the address is enough to sign up. */
export function SignupLocationField({ location, error, onPick, onClear }: SignupLocationFieldProps) {
  return (
    <StationFormField
      label="地图位置"
      name="location"
      error={error}
      hint="在地图上选好位置，志愿者可以直接导航过去（可不选）"
    >
      {location ? (
        <View className="signup-location__picked">
          <Text className="signup-location__name">{`已选择：${location.name || '地图上的位置'}`}</Text>
          <Text className="signup-location__clear" onClick={onClear}>
            清除
          </Text>
        </View>
      ) : null}
      <Button
        className="signup-location__pick"
        type="primary"
        fill="outline"
        size="large"
        block
        onClick={onPick}
      >
        {location ? '重新选择位置' : '在地图上选择位置'}
      </Button>
    </StationFormField>
  );
}
