export { platform } from './current';
export { locateFromTap } from './locate';
export * from './types';
