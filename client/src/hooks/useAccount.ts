import type { Me } from '@ankang/shared';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { platform } from '../platform';
import { fetchMe } from '../services/account';
import { signInWithWechat, signOut } from '../services/auth';
import { type ApiError, toApiError } from '../services/errors';
import { openPage } from '../services/navigation';
import { routes } from '../services/routes';
import { useRequest } from './useRequest';
import { useSession } from './useSession';

export interface AccountState {
  signedIn: boolean;
  /** Fresh from GET /me when that succeeded, else what the session stored at sign-in. */
  me: Me | null;
  loading: boolean;
  /** Refreshing failed; `me` may still show the stored copy. */
  error: ApiError | null;
  retry: () => void;
  signingIn: boolean;
  signInError: ApiError | null;
  signIn: () => void;
  signOut: () => void;
}

/** 我的 and the role-gated pages: who is signed in, refreshed each time the page is shown. */
export function useAccount(): AccountState {
  const session = useSession();
  const signedIn = session !== null;
  // Keyed on the user, not the token: a silent re-login keeps the user and needs no second load.
  const request = useRequest(fetchMe, { enabled: signedIn, key: session?.me.id });
  const { retry } = request;
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<ApiError | null>(null);

  // A tab page stays mounted; roles may have changed while it was hidden. The first show is
  // already covered by the initial load.
  const shownOnce = useRef(false);
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;
  useDidShow(() => {
    if (shownOnce.current && signedInRef.current) retry();
    shownOnce.current = true;
  });

  const signIn = useCallback(() => {
    if (platform.loginMethod === 'page') {
      void openPage(routes.login);
      return;
    }
    setSigningIn(true);
    setSignInError(null);
    signInWithWechat()
      .catch((error: unknown) => setSignInError(toApiError(error)))
      .finally(() => setSigningIn(false));
  }, []);

  return {
    signedIn,
    // The fresh copy only while it is about the signed-in user (the key reloads it after a switch).
    me: signedIn ? (request.data?.id === session.me.id ? request.data : session.me) : null,
    loading: request.loading,
    error: request.error,
    retry,
    signingIn,
    signInError,
    signIn,
    signOut,
  };
}
