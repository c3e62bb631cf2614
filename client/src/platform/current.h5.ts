// Picked by Taro's multi-platform resolution for the H5 build; see current.ts.
export { h5Platform as platform } from './h5Platform';
