// Taro resolves `./wideScreen` to `wideScreen.h5.ts` in the H5 build and to this file in the weapp
// build (as with current.ts). WeChat shows every page at phone width, so the mini-program always
// renders the phone layout.

/** Whether the window is wide enough to show a list and the selected item side by side. */
export function useWideScreen(): boolean {
  return false;
}
