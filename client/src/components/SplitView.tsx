import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './SplitView.scss';

interface SplitViewProps {
  /** The list (with its filters): takes the remaining width. */
  main: ReactNode;
  /** The selected item: a fixed-width pane that stays in view while the list scrolls. */
  side: ReactNode;
}

/**
 * Wide screens only (see useWideScreen): a list and the selected item side by side, the way staff
 * work through a queue at a desk. Pages render their phone layout instead on narrow screens.
 */
export function SplitView({ main, side }: SplitViewProps) {
  return (
    <View className="split-view">
      <View className="split-view__main">{main}</View>
      <View className="split-view__side">{side}</View>
    </View>
  );
}
