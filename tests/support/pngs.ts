import { pngImage } from '../../functions/local/pngImage';

/** Distinct small PNGs (size and colours vary with `n`), so a link showing the wrong photo is caught by its bytes. */
export const pngOf = (n: number) => pngImage(8 + n, 6, (x, y) => [(x * 30 + n * 50) % 256, y * 40, 120]);
