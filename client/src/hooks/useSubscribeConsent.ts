import type { NotificationTopic } from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import { platform } from '../platform';
import { type ConsentRecord, fetchSubscriptions, recordConsent } from '../services/outreach';
import { newRequestId } from '../services/stations';
import { useRequest } from './useRequest';

export type ConsentState = 'idle' | 'asking' | 'accepted' | 'declined' | 'failed';

/**
 * Asking consent for WeChat subscribe messages at the moment they make sense (a sign-up sent, a
 * task accepted). The templates are loaded while the offer shows, so a tap reaches WeChat's dialog
 * at once (WeChat only opens it from a tap); the answers are recorded once, retried with the same
 * request id after a dropped network. Topics without a configured template are skipped; a browser
 * has no such dialog and is offered nothing.
 */
export function useSubscribeConsent(topics: readonly NotificationTopic[], active: boolean) {
  const enabled = active && platform.canSubscribe;
  const subscriptions = useRequest(fetchSubscriptions, { enabled });
  const [state, setState] = useState<ConsentState>('idle');
  const pending = useRef<ConsentRecord | null>(null);
  const templates = (subscriptions.data ?? []).filter(
    (s): s is typeof s & { templateId: string } => topics.includes(s.topic) && s.templateId !== null,
  );

  const record = useCallback(async () => {
    const body = pending.current;
    if (!body) return;
    setState('asking');
    try {
      await recordConsent(body);
      pending.current = null;
      setState(body.results.some((r) => r.result === 'accept') ? 'accepted' : 'declined');
    } catch {
      setState('failed');
    }
  }, []);

  const ask = useCallback(async () => {
    if (templates.length === 0 || state === 'asking') return;
    setState('asking');
    const answers = await platform.requestSubscribe(templates.map((t) => t.templateId));
    if (!answers) {
      setState('idle');
      return;
    }
    const results = templates.flatMap((t) => {
      const result = answers[t.templateId];
      return result ? [{ topic: t.topic, result }] : [];
    });
    if (results.length === 0) {
      setState('declined');
      return;
    }
    pending.current = { requestId: newRequestId(), results };
    await record();
  }, [templates, state, record]);

  return { available: enabled && templates.length > 0, state, ask, retry: record };
}
