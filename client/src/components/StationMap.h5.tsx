import type { StationMapProps } from './StationMap';

/** No embedded map in the browser: the list carries distances, the detail page links to Amap. */
export function StationMap(_props: StationMapProps) {
  return null;
}
