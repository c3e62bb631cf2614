import Taro from '@tarojs/taro';
import { taroStorage } from './taroStorage';
import {
  type GeoPoint,
  LocationError,
  type Platform,
  type PrivacyListener,
  type SubscribeResult,
} from './types';

const privacyListeners: PrivacyListener[] = [];

/** WeChat pauses the private API until `resolve` is called; the newest visible page answers. */
function handlePrivacyRequest(
  resolve: (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void,
): void {
  const listener = privacyListeners.at(-1);
  if (!listener) {
    // No page can show the agreement now; failing the call beats leaving it pending forever.
    resolve({ event: 'disagree' });
    return;
  }
  let answered = false;
  const once = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
    if (answered) return;
    answered = true;
    resolve(option);
  };
  resolve({ event: 'exposureAuthorization' });
  listener({
    agree: (buttonId) => once({ event: 'agree', buttonId }),
    refuse: () => once({ event: 'disagree' }),
  });
}

function locationFailure(error: unknown): LocationError {
  const message = String((error as { errMsg?: string } | undefined)?.errMsg ?? error);
  if (/privacy/i.test(message)) return new LocationError('privacy-refused', { cause: error });
  if (/auth|deny|denied/i.test(message)) return new LocationError('denied', { cause: error });
  return new LocationError('unavailable', { cause: error });
}

export const weappPlatform: Platform = {
  name: 'weapp',
  loginMethod: 'wechat',
  setup() {
    // Older base libraries lack the API; they also do not enforce the privacy agreement.
    if (typeof Taro.onNeedPrivacyAuthorization === 'function') {
      Taro.onNeedPrivacyAuthorization(handlePrivacyRequest);
    }
  },
  async getLoginCode() {
    const { code } = await Taro.login();
    return code || null;
  },
  async getLocation(): Promise<GeoPoint> {
    try {
      // GCJ-02 is what WeChat maps, openLocation and our station data use.
      const fix = await Taro.getLocation({ type: 'gcj02' });
      return { latitude: fix.latitude, longitude: fix.longitude, accuracy: fix.accuracy, system: 'gcj02' };
    } catch (error) {
      throw locationFailure(error);
    }
  },
  onPrivacyRequest(listener) {
    privacyListeners.push(listener);
    return () => {
      const index = privacyListeners.lastIndexOf(listener);
      if (index !== -1) privacyListeners.splice(index, 1);
    };
  },
  async openLocationSettings() {
    try {
      const { authSetting } = await Taro.openSetting();
      return authSetting['scope.userLocation'] === true;
    } catch {
      return false;
    }
  },
  locationDeniedHelp(button) {
    return `未获得定位权限。请再点“${button}”，在设置中打开“位置信息”。`;
  },
  canPickPlace: true,
  async pickPlace() {
    try {
      const place = await Taro.chooseLocation({});
      return { lng: place.longitude, lat: place.latitude, name: place.name, address: place.address };
    } catch {
      // Backed out of the picker (or it failed): nothing picked.
      return null;
    }
  },
  async makePhoneCall(phone) {
    await Taro.makePhoneCall({ phoneNumber: phone });
  },
  async openMap({ latitude, longitude, name, address }) {
    // wx.openLocation takes GCJ-02, as our data is; 16 shows the streets around the station.
    await Taro.openLocation({ latitude, longitude, name, address, scale: 16 });
  },
  mapLink() {
    return null;
  },
  addressSearchLink() {
    return null;
  },
  async copyText(text) {
    await Taro.setClipboardData({ data: text });
  },
  canSubscribe: true,
  async requestSubscribe(templateIds) {
    const answers: Partial<Record<string, SubscribeResult>> = {};
    if (templateIds.length === 0) return answers;
    try {
      const result = (await Taro.requestSubscribeMessage({
        tmplIds: templateIds,
      } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
      for (const id of templateIds) {
        const answer = result[id];
        if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') {
          answers[id] = answer;
        }
      }
    } catch (error) {
      // The main switch is off, or a template is unknown: nothing was consented.
      console.warn('requestSubscribeMessage failed', error);
    }
    return answers;
  },
  storage: taroStorage,
};
