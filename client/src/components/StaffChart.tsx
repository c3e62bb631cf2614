import { Canvas as ChartCanvas } from '@antv/f2';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { type ChartSurface, StaffChartCanvas } from './StaffChartCanvas';
import { chartTree, px2hd, type StaffChartProps } from './StaffChartTree';
import './StaffChart.scss';

export type { ChartSeries, StaffChartProps } from './StaffChartTree';

/**
 * A small chart on the platform's canvas (WeChat's 2D canvas or a browser canvas, see
 * StaffChartCanvas), drawn by F2 without animation; the legend is plain text above it.
 */
export function StaffChart(props: StaffChartProps) {
  const { title, rows, series, horizontal } = props;
  const [surface, setSurface] = useState<ChartSurface | null>(null);
  // Redraw only when the figures change, not on every render of the page.
  const figures = JSON.stringify([rows, props.x, series, horizontal]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `figures` stands for the props it encodes.
  const tree = useMemo(() => chartTree(props), [figures]);

  const secondAxis = series.length > 1;
  useEffect(() => {
    if (!surface) return;
    const chart = new ChartCanvas({
      ...surface,
      px2hd,
      animate: false,
      // The right axis of a second series brings its own room.
      padding: ['24px', secondAxis ? '16px' : '32px', '16px', '16px'],
      children: tree,
    } as ConstructorParameters<typeof ChartCanvas>[0]);
    void chart.render();
    return () => chart.destroy();
  }, [surface, tree, secondAxis]);

  const label = `${title}：${series.map((s) => s.name).join('、')}`;
  return (
    <View className={`staff-chart${horizontal ? ' staff-chart--horizontal' : ''}`}>
      <View className="staff-chart__head">
        <Text className="staff-chart__title">{title}</Text>
        <View className="staff-chart__legend">
          {series.map((s) => (
            <View key={s.field} className="staff-chart__key">
              <View
                className={`staff-chart__swatch staff-chart__swatch--${s.mark}`}
                style={{ background: s.color }}
              />
              <Text>{s.name}</Text>
            </View>
          ))}
        </View>
      </View>
      <View
        className="staff-chart__frame"
        style={horizontal ? { height: Taro.pxTransform(barsHeight(rows.length)) } : undefined}
      >
        <StaffChartCanvas label={label} onSurface={setSurface} />
      </View>
    </View>
  );
}

/** Sideways bars get room per category (at the 750 design width, as the stylesheets). */
function barsHeight(count: number): number {
  return Math.max(240, 80 + count * 64);
}
