import { Text, View } from '@tarojs/components';
import './StationSkeleton.scss';

/** Rows drawn while the first list loads (fixed names: they never reorder). */
const ROWS = ['a', 'b', 'c', 'd'] as const;

/**
 * The list's shape before its first answer (a cold start with nothing stored, or a slow network):
 * grey rows where the stations will be, so the page reads as loading a list rather than as empty,
 * and nothing jumps when they arrive. The words say what is happening, for screen readers too.
 */
export function StationSkeleton({ text }: { text: string }) {
  return (
    <View className="station-skeleton" role="status" aria-busy>
      <Text className="station-skeleton__text">{text}</Text>
      {ROWS.map((row) => (
        <View key={row} className="station-skeleton__row" aria-hidden>
          <View className="station-skeleton__bar station-skeleton__bar--name" />
          <View className="station-skeleton__bar station-skeleton__bar--badge" />
          <View className="station-skeleton__bar station-skeleton__bar--line" />
        </View>
      ))}
    </View>
  );
}
