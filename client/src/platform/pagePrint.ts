// Taro resolves `./pagePrint` to `pagePrint.h5.ts` in the H5 build and to this file in the weapp
// build: a mini-program cannot print, so the poster is saved to the album and printed from there.

/** Whether this platform prints the page itself (the poster's 打印 button). */
export const canPrintPage = false;

export function printPage(): void {
  // Nothing: the button is not shown where printing is impossible.
}
