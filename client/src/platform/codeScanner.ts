// Taro resolves `./codeScanner` to `codeScanner.h5.ts` in the H5 build and to this file in the weapp
// build (as with current.ts): WeChat scans with the camera, a browser asks for the text.
import Taro from '@tarojs/taro';

/** What the scan button says on this platform. */
export const scanCodeLabel = '扫码';

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
