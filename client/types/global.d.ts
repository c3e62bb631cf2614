/// <reference types="@tarojs/taro" />

declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    /** The API base URL, inlined at build time from the shell's TARO_APP_API_BASE. */
    TARO_APP_API_BASE?: string;
    /** 高德地图 JS API key for the browser build's map (none: no map, the list alone). */
    TARO_APP_AMAP_KEY?: string;
    /** Its security code (安全密钥), needed by keys made since December 2021. */
    TARO_APP_AMAP_SECURITY_CODE?: string;
  }
}
