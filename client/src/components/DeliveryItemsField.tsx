import type { Campaign } from '@ankang/shared';
import { Input, Text, View } from '@tarojs/components';
import './DeliveryItemsField.scss';

export interface DeliveryItemsFieldProps {
  kind: Campaign['kinds'][number] | undefined;
  quantities: Record<string, string>;
  onChange: (quantities: Record<string, string>) => void;
}

/** One box per catalog item of the chosen kind; an empty box is an item not handed out. */
export function DeliveryItemsField({ kind, quantities, onChange }: DeliveryItemsFieldProps) {
  if (!kind) return <Text className="delivery-items__empty">请先选择配送类别</Text>;
  if (kind.items.length === 0) return <Text className="delivery-items__empty">该类别没有物资目录</Text>;
  return (
    <View className="delivery-items">
      {kind.items.map((item) => (
        <View key={item.code} className={`delivery-items__row delivery-items__row--${item.code}`}>
          <Text className="delivery-items__name">{item.name}</Text>
          <Input
            className="delivery-items__input"
            type="number"
            value={quantities[item.code] ?? ''}
            placeholder="0"
            maxlength={6}
            onInput={(event) => onChange({ ...quantities, [item.code]: event.detail.value })}
          />
          <Text className="delivery-items__unit">{item.unit}</Text>
        </View>
      ))}
    </View>
  );
}
