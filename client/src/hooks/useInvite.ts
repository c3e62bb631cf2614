import { useState } from 'react';
import { acceptInviteCode, previewInvite } from '../services/roles';
import { useRequest } from './useRequest';
import { useSubmit } from './useSubmit';

/**
 * The invitee's page: the invite by its code (no sign-in needed to see it), and accepting it (one
 * send however often 接受邀请 is tapped; the page shows a failure itself, under the button).
 */
export function useInvite(code: string | undefined) {
  const preview = useRequest(() => previewInvite(code ?? ''), { enabled: Boolean(code), key: code });
  const [accepted, setAccepted] = useState(false);
  const accepting = useSubmit(() => acceptInviteCode(code ?? ''), {
    onDone: () => setAccepted(true),
    toastFailure: false,
  });

  const accept = async () => {
    if (code) await accepting.submit();
  };

  return {
    preview,
    accept,
    accepting: accepting.submitting,
    acceptError: accepting.error,
    accepted,
  };
}
