import { Text, View } from '@tarojs/components';
import './StaffTabs.scss';

export interface StaffTab<K extends string> {
  key: K;
  label: string;
}

export interface StaffTabsProps<K extends string> {
  /** The page's block: the row and each tab also carry `${block}__tabs`, `${block}__tab--${key}`. */
  block: string;
  tabs: StaffTab<K>[];
  selected: K;
  onPick: (key: K) => void;
}

/** A staff queue's row of tabs (by status, or by kind), the picked one filled. */
export function StaffTabs<K extends string>({ block, tabs, selected, onPick }: StaffTabsProps<K>) {
  return (
    <View className={`staff-tabs${tabs.length > 3 ? ' staff-tabs--many' : ''} ${block}__tabs`}>
      {tabs.map(({ key, label }) => (
        <View
          key={key}
          className={`staff-tabs__tab ${block}__tab ${block}__tab--${key}${key === selected ? ` staff-tabs__tab--on ${block}__tab--on` : ''}`}
          onClick={() => onPick(key)}
        >
          <Text>{label}</Text>
        </View>
      ))}
    </View>
  );
}
