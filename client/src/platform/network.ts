// Taro resolves `./network` to `network.h5.ts` in the H5 build and to this file in the weapp build
// (as with current.ts).
import Taro from '@tarojs/taro';

/**
 * Calls `listener(online)` whenever WeChat reports the connection changed; returns an unsubscribe.
 * Older base libraries (and test stand-ins) may lack the API: then nothing is reported, and the
 * outbox still sends on app show and on its retry timer.
 */
export function onNetworkChange(listener: (online: boolean) => void): () => void {
  const callback = (result: { isConnected: boolean }) => listener(result.isConnected);
  try {
    Taro.onNetworkStatusChange(callback);
  } catch (error) {
    console.warn('onNetworkStatusChange unavailable', error);
    return () => {};
  }
  return () => {
    try {
      Taro.offNetworkStatusChange?.(callback);
    } catch {
      // Nothing to undo.
    }
  };
}

/** Calls `listener` each time the mini-program comes to the foreground. */
export function onAppShow(listener: () => void): () => void {
  const callback = () => listener();
  try {
    Taro.onAppShow(callback);
  } catch (error) {
    console.warn('onAppShow unavailable', error);
    return () => {};
  }
  return () => {
    try {
      Taro.offAppShow?.(callback);
    } catch {
      // Nothing to undo.
    }
  };
}
