import { Text, View } from '@tarojs/components';
import { type DeliveryPosition, POOR_ACCURACY_M } from '../hooks/useDeliveryPosition';
import './DeliveryPositionLine.scss';

export interface DeliveryPositionLineProps {
  position: DeliveryPosition;
  /** 修改: the record keeps the position it was made with. */
  kept?: { accuracy: number } | null;
  onRelocate: () => void;
}

/** Where the record says it was made: 精度 in metres, a warning when poor, and what happens without. */
export function DeliveryPositionLine({ position, kept, onRelocate }: DeliveryPositionLineProps) {
  if (position.kind === 'off') {
    return (
      <Text className="delivery-position">
        {kept ? `保留原记录的定位（精度约 ${Math.round(kept.accuracy)} 米）` : '原记录没有定位'}
      </Text>
    );
  }
  if (position.kind === 'locating') return <Text className="delivery-position">正在定位…</Text>;
  const relocate = (
    <Text className="delivery-position__again" onClick={onRelocate}>
      重新定位
    </Text>
  );
  if (position.kind === 'failed') {
    return (
      <View className="delivery-position delivery-position--warn">
        <Text>未获取到位置，记录仍可保存，但会标注“无定位”。</Text>
        {relocate}
      </View>
    );
  }
  const accuracy = Math.round(position.accuracy);
  const poor = accuracy > POOR_ACCURACY_M;
  return (
    <View className={`delivery-position${poor ? ' delivery-position--warn' : ''}`}>
      <Text className="delivery-position__accuracy">{`已定位，精度约 ${accuracy} 米`}</Text>
      {poor ? <Text>精度较差（超过 100 米），记录会被标注；可到开阔处重新定位。</Text> : null}
      {relocate}
    </View>
  );
}
