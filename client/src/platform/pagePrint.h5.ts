// Picked by Taro's multi-platform resolution for the H5 build; see pagePrint.ts.

/** A browser prints the page (the poster's print stylesheet leaves only the poster). */
export const canPrintPage = true;

export function printPage(): void {
  window.print();
}
