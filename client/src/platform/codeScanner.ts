// Taro resolves `./codeScanner` to `codeScanner.h5.ts` in the H5 build and to this file in the weapp
// build (as with current.ts): WeChat scans with the camera; a browser cannot, and the scan page
// shows a text entry there instead.
import Taro from '@tarojs/taro';

/** Whether `scanCode` can use the camera; where it cannot, the page asks for the code's text. */
export const canScanCamera = true;

/** The text of a scanned QR code; null when the person backed out. Rejects when the camera failed. */
export async function scanCode(): Promise<string | null> {
  try {
    // Camera only: a code in the album is a screenshot, and a screenshot is how a code gets reused.
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result ?? null;
  } catch (error) {
    const message = String((error as { errMsg?: string } | undefined)?.errMsg ?? error);
    if (/cancel/i.test(message)) return null;
    throw error;
  }
}

/** Whether the phone has a connection now (WeChat's network type; `none` is offline). */
export async function isOnline(): Promise<boolean> {
  try {
    const { networkType } = await Taro.getNetworkType();
    return networkType !== 'none';
  } catch {
    return true;
  }
}
