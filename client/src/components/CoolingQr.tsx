import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './CoolingQr.scss';

/** The white margin scanners need around a QR code, in modules. */
const QUIET = 4;
/** The code's side at the 750 design width. */
const SIDE_PX = 560;

interface Run {
  row: number;
  col: number;
  length: number;
}

/** The dark modules of the code for `text`, merged into horizontal runs (fewer views to draw). */
export function qrRuns(text: string): { size: number; runs: Run[] } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const runs: Run[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && qr.isDark(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}

/**
 * A QR code drawn with plain views (one per run of dark modules), so it shows the same in WeChat and
 * in a browser with no canvas API; `label` is read out by screen readers instead of the pattern.
 */
export function CoolingQr({ text, label }: { text: string; label: string }) {
  const { size, runs } = useMemo(() => qrRuns(text), [text]);
  const total = size + 2 * QUIET;
  // Whole design pixels per module, so rounding on the device never shifts a module.
  const cell = Math.max(4, Math.floor(SIDE_PX / total));
  const px = (n: number) => Taro.pxTransform(n);
  return (
    <View
      className="cooling-qr"
      aria-label={label}
      style={{ width: px(cell * total), height: px(cell * total) }}
    >
      {runs.map((run) => (
        <View
          key={`${run.row}-${run.col}`}
          className="cooling-qr__run"
          style={{
            left: px((run.col + QUIET) * cell),
            top: px((run.row + QUIET) * cell),
            width: px(run.length * cell),
            height: px(cell),
          }}
        />
      ))}
    </View>
  );
}
