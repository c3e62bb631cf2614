import type { Session } from '@ankang/shared';
import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession } from '../services/session';

/** The stored session; re-renders on sign-in and sign-out anywhere in the app. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
