// Taro resolves `./current` to `current.h5.ts` in the H5 build and to this file in the weapp build,
// so each bundle carries only its own platform code (no TARO_ENV checks anywhere else).
export { weappPlatform as platform } from './weappPlatform';
