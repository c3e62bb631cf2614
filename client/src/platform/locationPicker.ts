// Taro resolves `./locationPicker` to `locationPicker.h5.ts` in the H5 build and to this file in the
// weapp build (as with current.ts).
import Taro from '@tarojs/taro';

export interface PickedPlace {
  /** GCJ-02, as WeChat's map picker returns it. */
  lng: number;
  lat: number;
  name: string;
  address: string;
}

/** Whether this build can pick a place on a map (WeChat's chooseLocation). */
export const canPickPlace = true;

/** WeChat's map picker; null when the user backs out. */
export async function pickPlace(): Promise<PickedPlace | null> {
  try {
    const place = await Taro.chooseLocation({});
    return { lng: place.longitude, lat: place.latitude, name: place.name, address: place.address };
  } catch {
    return null;
  }
}
