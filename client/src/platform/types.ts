/**
 * A position fix, always in GCJ-02 (the datum of maps in China, of `wx.openLocation` and of our
 * station data): each platform converts before handing it out.
 */
export interface GeoPoint {
  latitude: number;
  longitude: number;
  /** Metres, as reported by the device. */
  accuracy: number;
  system: 'gcj02';
}

/** A place to navigate to, in GCJ-02. */
export interface MapTarget {
  latitude: number;
  longitude: number;
  name: string;
  address: string;
}

/** A place picked on a map (GCJ-02, as WeChat's map picker returns it), with its name and address. */
export interface MapPlace {
  lng: number;
  lat: number;
  name: string;
  address: string;
}

/** Why no position: the user said no, the device could not tell, or the privacy agreement was refused. */
export type LocationFailure = 'denied' | 'unavailable' | 'privacy-refused';

export class LocationError extends Error {
  constructor(
    readonly reason: LocationFailure,
    options?: { cause?: unknown },
  ) {
    super(`location ${reason}`, options);
    this.name = 'LocationError';
  }
}

/** One pending privacy authorization (weapp): the page shows its popup, then answers once. */
export interface PrivacyRequest {
  /** `buttonId` is the id of the `openType="agreePrivacyAuthorization"` button the user tapped. */
  agree(buttonId: string): void;
  refuse(): void;
}
export type PrivacyListener = (request: PrivacyRequest) => void;

/** WeChat's answer for one subscribe-message template (`wx.requestSubscribeMessage`). */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

/** String key/value storage that never throws (private browsing, full quota). */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** What differs between the mini-program and the H5 app; pages and services use only this. */
export interface Platform {
  readonly name: 'weapp' | 'h5';
  /** `wechat`: silent sign-in with a wx.login code; `page`: the user picks an account on the login page. */
  readonly loginMethod: 'wechat' | 'page';
  /** Called once at app launch. */
  setup(): void;
  /** A one-time login code for POST /auth/login, or null where there is none (H5). */
  getLoginCode(): Promise<string | null>;
  /** The device's position; rejects with a LocationError. */
  getLocation(): Promise<GeoPoint>;
  /**
   * Lets the visible page show the privacy popup when WeChat needs the user's agreement before a
   * private API (location) runs. The newest listener wins; returns an unsubscribe function.
   */
  onPrivacyRequest(listener: PrivacyListener): () => void;
  /**
   * After a refusal, opens the app's settings so the worker can allow location (WeChat never asks a
   * second time by itself). Must run from a tap. False where there is no such page (H5) or it stayed off.
   */
  openLocationSettings(): Promise<boolean>;
  /**
   * After a refusal, where the worker turns location back on, ending with tapping `button` again
   * (WeChat: that tap opens its settings; a browser keeps the switch by the address bar).
   */
  locationDeniedHelp(button: string): string;
  /** Whether a place can be picked on a map here (WeChat's map picker; a browser has none). */
  readonly canPickPlace: boolean;
  /** The map picker; null when the user backs out, or where there is none (H5). */
  pickPlace(): Promise<MapPlace | null>;
  /** Dials a number (WeChat's call sheet; a `tel:` link in a browser). */
  makePhoneCall(phone: string): Promise<void>;
  /** Opens the place in a map app for directions (WeChat's map; Amap's web page in a browser). */
  openMap(target: MapTarget): Promise<void>;
  /** A web link to the map, where the platform navigates by link (H5); null in WeChat. */
  mapLink(target: MapTarget): string | null;
  /**
   * A web link searching the map for an address, for places with no position (a worksite signed
   * up on the web); null in WeChat, whose map opens only at a point.
   */
  addressSearchLink(address: string): string | null;
  /** Puts text on the clipboard (WeChat shows its own 内容已复制 toast). */
  copyText(text: string): Promise<void>;
  /** Whether the platform can ask consent for WeChat subscribe messages (订阅消息); false in a browser. */
  readonly canSubscribe: boolean;
  /**
   * Asks consent for one-time subscribe messages (must run from a tap): WeChat's answer per template
   * id, empty when WeChat refused to ask (main switch off, bad template); null where there is no such
   * prompt (H5), without asking anything.
   */
  requestSubscribe(templateIds: string[]): Promise<Partial<Record<string, SubscribeResult>> | null>;
  readonly storage: KeyValueStorage;
}
