import { Axis, Chart, jsx as f2Element, Interval, Line } from '@antv/f2';

/** One measure drawn over the categories: as bars, or as a line over the bars (a second axis). */
export interface ChartSeries {
  field: string;
  name: string;
  mark: 'bar' | 'line';
  color: string;
}

export type ChartRow = Record<string, string | number>;

export interface StaffChartProps {
  title: string;
  rows: ChartRow[];
  /** The category field (a day, a kind, a child org). */
  x: string;
  /** One bar series, optionally a line series with its own axis on the right. */
  series: [ChartSeries] | [ChartSeries, ChartSeries];
  /** Bars grow to the right, names down the left (long org names). */
  horizontal?: boolean;
}

// Our sizes are at the 750 design width like the stylesheets: 24 → 12 CSS px. F2's own default
// reads the root font size at import, which Taro's H5 shell changes, so it is set here.
export const px2hd = (px: number) => px / 2;
const labelStyle = { fill: '#5c6370', fontSize: '22px' };

// F2's generic component classes do not fit the element type its `jsx` declares; the props are
// checked by F2 at run time, and this file is the only place that builds them.
const jsx = (type: unknown, props: object, ...children: unknown[]) =>
  f2Element(type as Parameters<typeof f2Element>[0], props, ...children);

/** The chart as F2 elements (F2's classic `jsx`, so no JSX pragma is mixed with React's). */
export function chartTree({ rows, x, series, horizontal }: StaffChartProps) {
  const [bars, line] = series;
  const scale: Record<string, object> = {
    [x]: { tickCount: horizontal ? undefined : 6 },
    [bars.field]: { min: 0, nice: true },
  };
  if (line) scale[line.field] = { min: 0, nice: true };
  const children = [
    jsx(Axis, { field: x, style: { label: labelStyle } }),
    jsx(Axis, { field: bars.field, style: { label: labelStyle } }),
    jsx(Interval, { x, y: bars.field, color: bars.color }),
  ];
  if (line) {
    children.push(
      jsx(Axis, { field: line.field, position: 'right', style: { label: labelStyle, grid: null } }),
      jsx(Line, { x, y: line.field, color: line.color, style: { lineWidth: '4px' } }),
    );
  }
  // Sideways, F2 stacks the first category at the bottom; reversed, the list reads top down.
  const data = horizontal ? [...rows].reverse() : rows;
  return jsx(Chart, { data, scale, coord: horizontal ? { transposed: true } : undefined }, ...children);
}
