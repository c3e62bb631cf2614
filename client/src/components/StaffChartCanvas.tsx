// Taro resolves `./StaffChartCanvas` to `StaffChartCanvas.h5.tsx` in the H5 build and to this file
// in the weapp build (as with StationMap): WeChat draws on a `<canvas type="2d">` node found by a
// selector query, a browser on a plain DOM canvas.
import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import './StaffChart.scss';

/** A 2D context sized for the screen, plus the WeChat canvas helpers the chart engine asks for. */
export interface ChartSurface {
  context: CanvasRenderingContext2D;
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  /** For measuring text off screen (WeChat has no `document` to make one). */
  offscreenCanvas?: unknown;
  createImage?: () => unknown;
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
}

export interface StaffChartCanvasProps {
  /** What the chart shows, said to screen readers (the canvas itself has no text). */
  label: string;
  /** Called once the canvas can be drawn on; never when the platform gives no node. */
  onSurface: (surface: ChartSurface) => void;
}

interface WeappCanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
  createImage(): unknown;
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(id: number): void;
}

let counter = 0;
/** The node may not be in the view yet right after React commits; a few tries cover Taro's batching. */
const attempts = 5;

export function StaffChartCanvas({ label, onSurface }: StaffChartCanvasProps) {
  const id = useRef(`staff-chart-${++counter}`).current;
  const onSurfaceRef = useRef(onSurface);
  onSurfaceRef.current = onSurface;

  useEffect(() => {
    let live = true;
    const find = (left: number) => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((result: Array<{ node?: WeappCanvasNode; width: number; height: number } | null>) => {
          if (!live) return;
          const found = result?.[0];
          if (!found?.node || !found.width) {
            if (left > 1) setTimeout(() => find(left - 1), 50);
            return;
          }
          const { node, width, height } = found;
          const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
          // The backing store in device pixels, so lines and text stay sharp.
          node.width = width * pixelRatio;
          node.height = height * pixelRatio;
          onSurfaceRef.current({
            context: node.getContext('2d'),
            width,
            height,
            pixelRatio,
            offscreenCanvas: Taro.createOffscreenCanvas?.({ type: '2d' }),
            createImage: () => node.createImage(),
            requestAnimationFrame: (callback) => node.requestAnimationFrame(callback),
            cancelAnimationFrame: (frame) => node.cancelAnimationFrame(frame),
          });
        });
    };
    Taro.nextTick(() => find(attempts));
    return () => {
      live = false;
    };
  }, [id]);

  return <Canvas type="2d" id={id} className="staff-chart__canvas" aria-label={label} />;
}
