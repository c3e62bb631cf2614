import { wgs84ToGcj02 } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { taroStorage } from './taroStorage';
import { type GeoPoint, LocationError, type MapTarget, type Platform } from './types';

/** Amap's URI API takes GCJ-02 (`coordinate=gaode`), our datum, so no conversion is needed. */
function amapMarkerUrl({ latitude, longitude, name }: MapTarget): string {
  const position = `${longitude.toFixed(6)},${latitude.toFixed(6)}`;
  return `https://uri.amap.com/marker?position=${position}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`;
}

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
        // Browsers report WGS-84; every caller works in GCJ-02 (the stations' and maps' datum).
        ({ coords }) => {
          const gcj = wgs84ToGcj02(coords.longitude, coords.latitude);
          resolve({ latitude: gcj.lat, longitude: gcj.lng, accuracy: coords.accuracy, system: 'gcj02' });
        },
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
  // The browser's own site settings hold the permission; a page cannot open them.
  async openLocationSettings() {
    return false;
  },
  locationDeniedHelp(button) {
    return `浏览器未允许本网站获取位置。请点地址栏左侧的图标（锁形或 ⓘ），把“位置”改为“允许”，再点“${button}”。`;
  },
  // No map picker in a browser: a place is typed (coordinates from 高德 / 腾讯 maps).
  canPickPlace: false,
  async pickPlace() {
    return null;
  },
  async makePhoneCall(phone) {
    window.location.href = `tel:${phone.replace(/[^\d+-]/g, '')}`;
  },
  async openMap(target) {
    window.open(amapMarkerUrl(target), '_blank', 'noopener');
  },
  mapLink: amapMarkerUrl,
  addressSearchLink(address) {
    return `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}&callnative=1`;
  },
  async copyText(text) {
    await Taro.setClipboardData({ data: text });
  },
  // Subscribe messages are WeChat's; a browser has nothing to ask.
  canSubscribe: false,
  async requestSubscribe() {
    return null;
  },
  storage: taroStorage,
};
