export { platform } from './current';
export * from './types';
