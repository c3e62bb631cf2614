// Picked by Taro's multi-platform resolution for the H5 build; see codeScanner.ts.

/**
 * A browser has no scanner here: the scan page shows a text entry instead, where the volunteer
 * types or pastes the code the worker shows (a `window.prompt` is hard to use on a phone).
 */
export const canScanCamera = false;

/** Never asked in a browser (the page offers the text entry); answers "nothing scanned". */
export async function scanCode(): Promise<string | null> {
  return null;
}

/** The browser's own idea of the connection (true when it cannot tell). */
export async function isOnline(): Promise<boolean> {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}
