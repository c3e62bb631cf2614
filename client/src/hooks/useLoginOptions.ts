import { useCallback, useState } from 'react';
import { fetchLoginOptions, signInAsDemo } from '../services/auth';
import { type ApiError, toApiError } from '../services/errors';
import { restartAt } from '../services/navigation';
import { routes } from '../services/routes';
import { useRequest } from './useRequest';

/**
 * The login page: whether development login exists here, its demo accounts, and picking one; after
 * signing in, on to `returnTo` (where the user came from; 我的 when nowhere).
 */
export function useLoginOptions(returnTo: string = routes.me) {
  const options = useRequest(fetchLoginOptions);
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<ApiError | null>(null);

  const pick = useCallback(
    (userId: string) => {
      setPendingUserId(userId);
      setSignInError(null);
      signInAsDemo(userId)
        // Not switchTab/navigateBack: see restartAt (the pages underneath were drawn signed out).
        .then(() => restartAt(returnTo))
        .catch((error: unknown) => setSignInError(toApiError(error)))
        .finally(() => setPendingUserId(null));
    },
    [returnTo],
  );

  return { ...options, pendingUserId, signInError, pick };
}
