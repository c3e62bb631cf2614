/** A position fix. `system` says which datum it is in: maps and distances in China need GCJ-02. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
  /** Metres, as reported by the device. */
  accuracy: number;
  system: 'gcj02' | 'wgs84';
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
  readonly storage: KeyValueStorage;
}
