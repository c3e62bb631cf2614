import { useCallback, useState } from 'react';
import { fetchLoginOptions, signInAsDemo } from '../services/auth';
import { type ApiError, toApiError } from '../services/errors';
import { restartAt } from '../services/navigation';
import { routes } from '../services/routes';
import { useRequest } from './useRequest';

/** The login page: whether development login exists here, its demo accounts, and picking one. */
export function useLoginOptions() {
  const options = useRequest(fetchLoginOptions);
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<ApiError | null>(null);

  const pick = useCallback((userId: string) => {
    setPendingUserId(userId);
    setSignInError(null);
    signInAsDemo(userId)
      // Not switchTab: see restartAt (a quick sign-in left 我的 blank in the browser).
      .then(() => restartAt(routes.me))
      .catch((error: unknown) => setSignInError(toApiError(error)))
      .finally(() => setPendingUserId(null));
  }, []);

  return { ...options, pendingUserId, signInError, pick };
}
