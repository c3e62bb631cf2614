// Picked by Taro's multi-platform resolution for the H5 build; see locationPicker.ts.
export type { PickedPlace } from './locationPicker';

/** Browsers have no map picker here: staff type the coordinates (from 高德 / 腾讯 maps). */
export const canPickPlace = false;

export async function pickPlace(): Promise<null> {
  return null;
}
