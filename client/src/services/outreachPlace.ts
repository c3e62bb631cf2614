import { platform } from '../platform';

const storageKey = 'ankang.outreach.org';

/** The district last picked on the 三送 page: the campaigns shown and a new sign-up's district. */
export function rememberedOrg(): string | null {
  return platform.storage.get(storageKey);
}

export function rememberOrg(path: string): void {
  platform.storage.set(storageKey, path);
}
