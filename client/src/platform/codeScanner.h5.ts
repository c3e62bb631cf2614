// Picked by Taro's multi-platform resolution for the H5 build; see codeScanner.ts.

/** A browser has no scanner here: the volunteer types or pastes the code the worker shows. */
export const scanCodeLabel = '输入清凉码';

/** Asks for the code's text (typed, or pasted from a scanner app); null when cancelled or empty. */
export async function scanCode(): Promise<string | null> {
  const text = window.prompt('请输入或粘贴职工出示的清凉码');
  return text?.trim() ? text.trim() : null;
}

/** The browser's own idea of the connection (true when it cannot tell). */
export async function isOnline(): Promise<boolean> {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}
