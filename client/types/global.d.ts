/// <reference types="@tarojs/taro" />

declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    /** The API base URL, inlined at build time from the shell's TARO_APP_API_BASE. */
    TARO_APP_API_BASE?: string;
  }
}
