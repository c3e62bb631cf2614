import Taro from '@tarojs/taro';
import type { KeyValueStorage } from './types';

/**
 * Taro's sync storage works on both targets (wx storage / localStorage); it can throw when the
 * quota is full or the browser blocks storage, and a failed write must not break the page.
 */
export const taroStorage: KeyValueStorage = {
  get(key) {
    try {
      const value: unknown = Taro.getStorageSync(key);
      return typeof value === 'string' && value !== '' ? value : null;
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value);
    } catch (error) {
      console.warn('storage write failed', error);
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch (error) {
      console.warn('storage remove failed', error);
    }
  },
};
