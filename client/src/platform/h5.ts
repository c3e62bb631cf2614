import { taroStorage } from './storage';
import { type GeoPoint, LocationError, type Platform } from './types';

export const h5Platform: Platform = {
  name: 'h5',
  loginMethod: 'page',
  setup() {},
  // A browser has no WeChat login code: people sign in on the login page.
  async getLoginCode() {
    return null;
  },
  getLocation(): Promise<GeoPoint> {
    return new Promise((resolve, reject) => {
      if (typeof navigator === 'undefined' || !navigator.geolocation) {
        reject(new LocationError('unavailable'));
        return;
      }
      navigator.geolocation.getCurrentPosition(
        // Browsers report WGS-84; callers convert to GCJ-02 before any map or distance in China.
        ({ coords }) =>
          resolve({
            latitude: coords.latitude,
            longitude: coords.longitude,
            accuracy: coords.accuracy,
            system: 'wgs84',
          }),
        (error) =>
          reject(
            new LocationError(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable', {
              cause: error,
            }),
          ),
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
      );
    });
  },
  // Browsers have no WeChat privacy agreement; nothing ever asks.
  onPrivacyRequest() {
    return () => {};
  },
  storage: taroStorage,
};
