// Picked by Taro's multi-platform resolution for the H5 build; see StaffChartCanvas.tsx.
import { useEffect, useRef } from 'react';
import type { StaffChartCanvasProps } from './StaffChartCanvas';
import './StaffChart.scss';

export type { ChartSurface, StaffChartCanvasProps } from './StaffChartCanvas';

/** A plain canvas (Taro's H5 `<Canvas>` hides its node in a web component); redrawn when resized. */
export function StaffChartCanvas({ label, onSurface }: StaffChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const onSurfaceRef = useRef(onSurface);
  onSurfaceRef.current = onSurface;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let shownWidth = 0;
    const measure = () => {
      const { width, height } = canvas.getBoundingClientRect();
      const context = canvas.getContext('2d');
      if (!context || !width || Math.round(width) === shownWidth) return;
      shownWidth = Math.round(width);
      const pixelRatio = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * pixelRatio);
      canvas.height = Math.round(height * pixelRatio);
      onSurfaceRef.current({ context, width, height, pixelRatio });
    };
    measure();
    // A window made wider (or the wide layout kicking in) redraws at the new size.
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  return <canvas ref={ref} className="staff-chart__canvas" role="img" aria-label={label} />;
}
