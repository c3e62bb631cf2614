import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { acceptInviteCode, previewInvite } from '../services/roles';
import { useRequest } from './useRequest';

/** The invitee's page: the invite by its code (no sign-in needed to see it), and accepting it. */
export function useInvite(code: string | undefined) {
  const preview = useRequest(() => previewInvite(code ?? ''), { enabled: Boolean(code), key: code });
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<ApiError | null>(null);
  const [accepted, setAccepted] = useState(false);

  const accept = useCallback(async () => {
    if (!code) return;
    setAccepting(true);
    setAcceptError(null);
    try {
      await acceptInviteCode(code);
      setAccepted(true);
    } catch (error) {
      setAcceptError(toApiError(error));
    } finally {
      setAccepting(false);
    }
  }, [code]);

  return { preview, accept, accepting, acceptError, accepted };
}
